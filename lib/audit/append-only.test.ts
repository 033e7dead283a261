/**
 * The audit log is append-only (migration 0019): no code path in lib/ or app/ may update or delete
 * `audit_event`. Test files are skipped (they hold fixtures, not code paths); this one builds its
 * patterns from parts so it does not match itself either way.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const table = "audit" + "_event";
const forbidden = [
  new RegExp(`\\bUPDATE\\s+(ONLY\\s+)?"?${table}\\b`, "i"),
  new RegExp(`\\bDELETE\\s+FROM\\s+(ONLY\\s+)?"?${table}\\b`, "i"),
  new RegExp(`\\bTRUNCATE\\s+(TABLE\\s+)?(ONLY\\s+)?"?${table}\\b`, "i"),
  new RegExp(`\\bDROP\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?"?${table}\\b`, "i"),
];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") yield* sourceFiles(path);
    } else if (/\.(ts|tsx|js|mjs|sql)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      yield path;
    }
  }
}

describe("audit log is append-only", () => {
  it("has no update, delete, truncate or drop of audit_event in lib/ or app/", () => {
    const offenders: string[] = [];
    for (const dir of ["lib", "app"]) {
      for (const file of sourceFiles(join(root, dir))) {
        const text = readFileSync(file, "utf8");
        if (forbidden.some((pattern) => pattern.test(text))) offenders.push(relative(root, file));
      }
    }
    expect(offenders).toEqual([]);
  });

  it("would catch one", () => {
    expect(forbidden.some((pattern) => pattern.test(`delete from ${table} where id = $1`))).toBe(true);
    expect(forbidden.some((pattern) => pattern.test(`UPDATE ${table} SET outcome = 'x'`))).toBe(true);
  });
});
