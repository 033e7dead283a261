#!/usr/bin/env node
// The registry this project is built against serves only linux-x64 builds of packages that ship
// per-platform binaries (Next's SWC, Biome, Tailwind's oxide, esbuild...). `npm install` then
// writes a lockfile that names those optional packages but has no entry for them, and `npm ci`
// refuses it as out of sync. This adds the missing entries with the platform (os/cpu/libc)
// read from the package name, so `npm ci` skips them on this platform exactly as it would with
// a complete lockfile. Run it after changing dependencies: node scripts/lockfile-platforms.mjs
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

const osNames = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "win32",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "openharmony",
];
const cpuNames = [
  "arm64",
  "x64",
  "arm",
  "ia32",
  "loong64",
  "mips64el",
  "ppc64",
  "riscv64",
  "s390x",
  "wasm32",
];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((part) => osNames.includes(part));
  const cpu =
    parts.find((part) => cpuNames.includes(part)) ?? (parts.includes("gnueabihf") ? "arm" : undefined);
  if (!os && cpu !== "wasm32") return null;
  const entry = {};
  if (os) entry.os = [os];
  if (cpu) entry.cpu = [cpu];
  if (parts.includes("musl")) entry.libc = ["musl"];
  else if (parts.includes("gnu") || parts.includes("gnueabihf")) entry.libc = ["glibc"];
  return entry;
}

let added = 0;
for (const [location, meta] of Object.entries(packages)) {
  for (const [dependency, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = location === "" ? "" : `${location}/`;
    const nested = `${base}node_modules/${dependency}`;
    const hoisted = `node_modules/${dependency}`;
    if (packages[nested] || packages[hoisted]) continue;
    const platform = platformOf(dependency);
    if (!platform) continue;
    packages[hoisted] = { version: range, ...(meta.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile-platforms: added ${added} platform entries`);
