/**
 * `npm run aws:bundle-size`: the zipped size of the Lambda server function that `npm run build:aws`
 * wrote (.open-next/server-functions/default), printed as JSON for the benchmark report. The size
 * is the size of a zip archive of the directory: each file deflated (zlib level 9, as CDK's asset
 * zip does) plus the zip headers for it, so no archiver is needed. Lambda's limit is 50 MB zipped
 * for a direct upload; the target here is 8 MB.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";

const targetBytes = 8 * 1024 * 1024;
const dir = path.resolve(process.argv[2] ?? ".open-next/server-functions/default");

interface Entry {
  name: string;
  rawBytes: number;
  zippedBytes: number;
}

function* files(root: string, relative = ""): Generator<string> {
  for (const name of readdirSync(path.join(root, relative)).sort()) {
    const child = path.join(relative, name);
    const full = path.join(root, child);
    const stat = lstatSync(full).isSymbolicLink() ? statSync(realpathSync(full)) : lstatSync(full);
    if (stat.isDirectory()) yield* files(root, child);
    else yield child;
  }
}

/** Local header (30) + central directory entry (46) carry the name twice. */
function zipEntry(root: string, name: string): Entry {
  const content = readFileSync(path.join(root, name));
  const deflated = deflateRawSync(content, { level: 9 }).length;
  const stored = Math.min(deflated, content.length);
  const nameBytes = Buffer.byteLength(name);
  return { name, rawBytes: content.length, zippedBytes: stored + 30 + 46 + 2 * nameBytes };
}

/** node_modules/<pkg> or node_modules/@scope/<pkg>, else the top folder. */
function groupOf(name: string): string {
  const parts = name.split(path.sep);
  const at = parts.lastIndexOf("node_modules");
  if (at >= 0) {
    const pkg = parts[at + 1] ?? "";
    return pkg.startsWith("@") ? `${pkg}/${parts[at + 2]}` : pkg;
  }
  return parts.length > 1 ? `${parts[0]}/` : name;
}

const entries = [...files(dir)].map((name) => zipEntry(dir, name));
const zippedBytes = entries.reduce((sum, entry) => sum + entry.zippedBytes, 22);
const groups = new Map<string, number>();
for (const entry of entries)
  groups.set(groupOf(entry.name), (groups.get(groupOf(entry.name)) ?? 0) + entry.zippedBytes);
const largest = [...groups.entries()]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 10)
  .map(([group, bytes]) => ({ group, zippedBytes: bytes }));

console.log(
  JSON.stringify(
    {
      metric: "aws.serverFunction.zippedBytes",
      directory: path.relative(process.cwd(), dir) || ".",
      files: entries.length,
      rawBytes: entries.reduce((sum, entry) => sum + entry.rawBytes, 0),
      zippedBytes,
      zippedMiB: Math.round((zippedBytes / 1024 / 1024) * 100) / 100,
      // Decimal megabytes, as the 8 MB target and the benchmark report read it.
      zippedMB: Math.round((zippedBytes / 1_000_000) * 100) / 100,
      targetBytes,
      withinTarget: zippedBytes <= targetBytes,
      largest,
    },
    null,
    2,
  ),
);
