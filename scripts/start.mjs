#!/usr/bin/env node
// `npm start`: builds the app when there is no build yet (or the sources changed since), then
// serves it with `next start`. On the embedded default it needs no database or cloud at all.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const buildId = path.join(root, ".next", "BUILD_ID");
const sourceDirs = ["app", "components", "lib", "demo", "sw", "public"];
const sourceFiles = [
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "instrumentation.ts",
  "proxy.ts",
  "postcss.config.mjs",
];

function newestMtime(entry) {
  if (!existsSync(entry) || entry === path.join(root, "public", "sw.js")) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function needsBuild() {
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return [...sourceDirs, ...sourceFiles].some((entry) => newestMtime(path.join(root, entry)) > built);
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
if (needsBuild()) {
  console.log("Building Downtime (first start or sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The service worker is generated from the build (public/sw.js, git-ignored); cheap and idempotent.
const sw = spawnSync(process.execPath, [path.join(root, "scripts", "build-sw.mjs")], {
  cwd: root,
  stdio: "inherit",
});
if (sw.status !== 0) process.exit(sw.status ?? 1);
const port = process.env.PORT ?? "3000";
const server = spawn(process.execPath, [nextBin, "start", "-p", port, ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
