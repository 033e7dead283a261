/**
 * Fails the build when a migration uses something Aurora DSQL rejects: PGlite and PostgreSQL,
 * which run every other test, would accept it and the first DSQL deploy would not.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatLintViolations, lintMigration } from "./dsql-lint";

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

function migrationFiles(): string[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir)
    .filter((file) => file.endsWith(".sql"))
    .sort();
}

const files = migrationFiles();

describe("migrations pass the DSQL lint", () => {
  it("finds at least one migration in lib/server/db/migrations", () => {
    expect(files.length, `no *.sql files in ${migrationsDir}`).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file} has no DSQL violations`, () => {
      const violations = lintMigration(readFileSync(path.join(migrationsDir, file), "utf8"), file);
      expect(violations, `\n${formatLintViolations(file, violations)}\n`).toEqual([]);
    });
  }
});
