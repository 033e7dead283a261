/**
 * Dependency hygiene (issue 18, item 8): no copyleft licence in what ships. Production packages
 * are every package-lock.json entry npm would install with `npm ci --omit=dev` (not marked dev
 * or devOptional), on every platform the lockfile lists; each licence is read from the lockfile,
 * else from the installed package.json. A copyleft or unknown licence fails the test unless it
 * is listed below with the reason it does not reach what a deployment ships (docs/security.md,
 * "Dependency licences"). A new entry here is a release decision, not a way to quiet the test.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

interface LockEntry {
  license?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  version?: string;
}

/** Strong and weak copyleft families; a dual licence naming one is listed too (the exception names the choice). */
const COPYLEFT =
  /\b(A?GPL|LGPL|SSPL|EUPL|OSL|CPAL|RPL|CC-BY-SA|CC-BY-NC|Sleepycat|Watcom|QPL|MS-RL|CECILL)\b/i;

/** Package name patterns allowed despite their licence, each with why (see docs/security.md). */
const exceptions: { pattern: RegExp; reason: string }[] = [
  {
    pattern: /^@img\/sharp-(libvips-|wasm32$|win32-)/,
    reason:
      "libvips (LGPL-3.0-or-later), the native image library of sharp, which Next.js loads for next/image " +
      "optimisation: shipped unmodified as a separate, dynamically linked binary, which the LGPL permits; " +
      "its source is at github.com/libvips/libvips",
  },
  {
    pattern: /^@next\/swc-/,
    reason:
      "Next.js's compiler binaries (MIT, github.com/vercel/next.js); the lockfile records no licence for " +
      "platforms not installed here",
  },
];

const root = process.cwd();
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, LockEntry>;
};

const nameOf = (key: string) => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);

function licenceOf(key: string, entry: LockEntry): string | undefined {
  if (entry.license) return entry.license;
  const manifest = path.join(root, key, "package.json");
  if (!existsSync(manifest)) return undefined;
  const { license, licenses } = JSON.parse(readFileSync(manifest, "utf8")) as {
    license?: string | { type?: string };
    licenses?: { type?: string }[];
  };
  if (typeof license === "string") return license;
  return license?.type ?? licenses?.map((item) => item.type).join(" OR ");
}

const production = Object.entries(lock.packages)
  .filter(([key, entry]) => key !== "" && !entry.dev && !entry.devOptional)
  .map(([key, entry]) => ({ name: nameOf(key), version: entry.version, licence: licenceOf(key, entry) }));

describe("production dependency licences", () => {
  it("finds the production packages in the lockfile", () => {
    expect(production.length).toBeGreaterThan(50);
    expect(production.map((item) => item.name)).toContain("next");
    expect(production.map((item) => item.name)).not.toContain("vitest");
  });

  it("ships no copyleft or unknown licence outside the written exceptions", () => {
    const offending = production
      .filter((item) => !item.licence || COPYLEFT.test(item.licence))
      .filter((item) => !exceptions.some((exception) => exception.pattern.test(item.name)))
      .map((item) => `${item.name}@${item.version}: ${item.licence ?? "no licence recorded"}`);
    expect(offending).toEqual([]);
  });

  it("keeps every exception in use, so a removed package takes its exception with it", () => {
    for (const exception of exceptions) {
      expect(
        production.some((item) => exception.pattern.test(item.name)),
        String(exception.pattern),
      ).toBe(true);
    }
  });

  it("recognises the copyleft families it refuses", () => {
    for (const licence of [
      "GPL-2.0",
      "AGPL-3.0-only",
      "LGPL-2.1-or-later",
      "SSPL-1.0",
      "EUPL-1.2",
      "(MIT OR GPL-3.0)",
    ]) {
      expect(COPYLEFT.test(licence), licence).toBe(true);
    }
    for (const licence of [
      "MIT",
      "Apache-2.0",
      "ISC",
      "BSD-3-Clause",
      "0BSD",
      "CC-BY-4.0",
      "(MIT AND Zlib)",
    ]) {
      expect(COPYLEFT.test(licence), licence).toBe(false);
    }
  });
});
