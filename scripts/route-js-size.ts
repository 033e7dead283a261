/**
 * The JavaScript a page loads, from the last `next build`: the root files every page gets plus the
 * page's own entry chunks (its client reference manifest), each gzip-compressed. Next.js's
 * polyfills are left out of `pageChunks` and counted apart (`legacyPolyfillGzipBytes`): they are
 * sent as `<script noModule>`, which every browser that runs modules (all the app supports) skips. Used to check that
 * console code never reaches the staff pages: `npx tsx scripts/route-js-size.ts "/(staff)/wards/[wardId]/page"`.
 * Prints JSON: { page, files, bytes, gzipBytes, legacyPolyfillGzipBytes } per page.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const distDir = ".next";

export function pageChunks(page: string): string[] {
  const manifestFile = path.join(distDir, "server", "app", `${page}_client-reference-manifest.js`);
  if (!existsSync(manifestFile)) throw new Error(`No build output for ${page}: run next build first`);
  const sandbox = {
    globalThis: { __RSC_MANIFEST: {} as Record<string, { entryJSFiles?: Record<string, string[]> }> },
  };
  // The manifest is a script that assigns to globalThis; run it against a stand-in.
  new Function("globalThis", readFileSync(manifestFile, "utf8"))(sandbox.globalThis);
  const manifest = sandbox.globalThis.__RSC_MANIFEST[page];
  const entries = Object.values(manifest?.entryJSFiles ?? {}).flat();
  const build: { polyfillFiles?: string[]; rootMainFiles?: string[] } = JSON.parse(
    readFileSync(path.join(distDir, "build-manifest.json"), "utf8"),
  );
  const root = build.rootMainFiles ?? [];
  return [...new Set([...root, ...entries].map(withoutPrefix))];
}

const withoutPrefix = (file: string) => file.replace(/^\/?(_next\/)?/, "");

/** The `noModule` polyfills, fetched only by browsers without ES modules. */
export function legacyPolyfillChunks(): string[] {
  const build: { polyfillFiles?: string[] } = JSON.parse(
    readFileSync(path.join(distDir, "build-manifest.json"), "utf8"),
  );
  return (build.polyfillFiles ?? []).filter((file) => file.endsWith(".js")).map(withoutPrefix);
}

export interface PageJsSize {
  page: string;
  files: number;
  bytes: number;
  gzipBytes: number;
  /** Not in `gzipBytes`: what a browser without ES modules would fetch besides. */
  legacyPolyfillGzipBytes: number;
}

export function pageJsSize(page: string): PageJsSize {
  const files = pageChunks(page);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(distDir, file));
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  const legacyPolyfillGzipBytes = legacyPolyfillChunks().reduce(
    (sum, file) => sum + gzipSync(readFileSync(path.join(distDir, file))).length,
    0,
  );
  return { page, files: files.length, bytes, gzipBytes, legacyPolyfillGzipBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pages = process.argv.slice(2);
  const chosen =
    pages.length > 0 ? pages : ["/(staff)/wards/[wardId]/page", "/(staff)/patients/[stayId]/page"];
  console.log(JSON.stringify(chosen.map(pageJsSize), null, 2));
}
