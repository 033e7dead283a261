#!/usr/bin/env node
/**
 * The JavaScript a page loads, from the last `next build`: the root files every page gets plus the
 * page's own entry chunks (its client reference manifest), each gzip-compressed. Used to check that
 * console code never reaches the staff pages: `node scripts/route-js-size.mjs "/(staff)/wards/[wardId]/page"`.
 * Prints JSON: { page, files, bytes, gzipBytes } per page.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const distDir = ".next";

export function pageChunks(page) {
  const manifestFile = path.join(distDir, "server", "app", `${page}_client-reference-manifest.js`);
  if (!existsSync(manifestFile)) throw new Error(`No build output for ${page}: run next build first`);
  const sandbox = { globalThis: { __RSC_MANIFEST: {} } };
  new Function("globalThis", readFileSync(manifestFile, "utf8"))(sandbox.globalThis);
  const manifest = sandbox.globalThis.__RSC_MANIFEST[page];
  const entries = Object.values(manifest.entryJSFiles ?? {}).flat();
  const build = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8"));
  const root = [...(build.polyfillFiles ?? []), ...(build.rootMainFiles ?? [])];
  return [...new Set([...root, ...entries].map((file) => file.replace(/^\/?(_next\/)?/, "")))];
}

export function pageJsSize(page) {
  const files = pageChunks(page);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(distDir, file));
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { page, files: files.length, bytes, gzipBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pages = process.argv.slice(2);
  const chosen = pages.length > 0 ? pages : ["/(staff)/wards/[wardId]/page", "/(staff)/patients/[stayId]/page"];
  console.log(JSON.stringify(chosen.map(pageJsSize), null, 2));
}
