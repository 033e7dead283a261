#!/usr/bin/env node
// Writes public/sw.js (git-ignored) from sw/service-worker.js after `next build`: workbox-build's
// injectManifest puts the precache list (this build's /_next/static files, the icons, the web app
// manifest and the /offline page) where the worker reads `self.__WB_MANIFEST`. It bundles nothing;
// the worker is plain JS. The build fails if the list would hold anything outside the app shell,
// because a cached page could hold patient data (docs/design.md §7: never in Cache Storage).
import { existsSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { injectManifest } from "workbox-build";

const root = path.resolve(import.meta.dirname, "..");
const buildIdFile = path.join(root, ".next", "BUILD_ID");
if (!existsSync(buildIdFile)) {
  console.error("build-sw: no .next/BUILD_ID; run `next build` first.");
  process.exit(1);
}
const buildId = readFileSync(buildIdFile, "utf8").trim();

/** The only URLs the worker may precache: build assets, icons, the web app manifest, the offline page. */
const allowed = [
  /^\/_next\/static\/[^?#]+$/,
  /^\/icons\/[\w.-]+\.png$/,
  /^\/manifest\.webmanifest$/,
  /^\/offline$/,
];

/** The /offline page is rendered by the server, so it has no file to hash: the build id versions it. */
function addOfflinePage(manifest) {
  return { manifest: [...manifest, { url: "/offline", revision: buildId, size: 0 }], warnings: [] };
}

function assertShellOnly(manifest) {
  const outside = manifest.filter((entry) => !allowed.some((pattern) => pattern.test(entry.url)));
  if (outside.length > 0) {
    throw new Error(
      `the precache list may hold only the app shell; refusing: ${outside.map((e) => e.url).join(", ")}`,
    );
  }
  return { manifest, warnings: [] };
}

// Creating public/sw.js bumps public/'s mtime, which scripts/start.mjs would read as a source
// change and rebuild for; keep the directory's mtime as it was.
const publicDir = path.join(root, "public");
const publicTimes = statSync(publicDir);
const swDest = path.join(publicDir, "sw.js");

function fail(message) {
  console.error(`build-sw: ${message}`);
  // No worker at all is better than one with a partial or unchecked shell.
  rmSync(swDest, { force: true });
  process.exitCode = 1;
}

try {
  const { count, size, warnings } = await injectManifest({
    swSrc: path.join(root, "sw", "service-worker.js"),
    swDest,
    globDirectory: root,
    globPatterns: [".next/static/**/*", "public/icons/*.png", "public/manifest.webmanifest"],
    globIgnores: ["**/*.map", "**/.DS_Store"],
    modifyURLPrefix: { ".next/static/": "/_next/static/", "public/": "/" },
    // Next's chunks are large; anything skipped for size would leave the offline shell broken.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    manifestTransforms: [addOfflinePage, assertShellOnly],
  });
  if (warnings.length > 0) fail(warnings.join("\n"));
  else
    console.log(
      `build-sw: public/sw.js precaches ${count} files (${(size / 1024).toFixed(0)} KiB), build ${buildId}`,
    );
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  utimesSync(publicDir, publicTimes.atime, publicTimes.mtime);
}
