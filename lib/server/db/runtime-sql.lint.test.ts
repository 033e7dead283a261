/**
 * The SQL the app runs passes the same DSQL lint as the migrations: every SQL literal in lib/ and
 * app/ (runtime-sql.test-kit.ts), with the tables' primary keys read from the migrations so the
 * FOR UPDATE rule can check what each lock filters by. PostgreSQL and PGlite, which every other
 * test runs on, accept advisory locks, LOCK TABLE, LISTEN and the rest; DSQL would not.
 */
import { describe, expect, it } from "vitest";
import { formatLintViolations, lintRuntimeSql, migrationPrimaryKeys } from "./dsql-lint";
import { loadMigrations } from "./migrate";
import { collectRuntimeStatements, statementsInSource } from "./runtime-sql.test-kit";

const primaryKeys = migrationPrimaryKeys(loadMigrations().map((migration) => migration.sql));
const statements = collectRuntimeStatements(process.cwd(), ["lib", "app"]);
const files = [...new Set(statements.map((statement) => statement.file))].sort();

describe("runtime SQL passes the DSQL lint", () => {
  it("collects the app's statements, template holes included", () => {
    expect(statements.length).toBeGreaterThan(150);
    const upsert = statements.find(
      (statement) =>
        statement.file === "lib/census/patient-store.ts" && statement.sql.includes("INSERT INTO patient"),
    );
    expect(upsert?.sql).toContain("ON CONFLICT (facility_id, mrn)");
    expect(statements.some((statement) => statement.sql.includes("x__expr"))).toBe(true);
  });

  it("knows the primary keys the FOR UPDATE rule needs", () => {
    expect(primaryKeys.get("staff_user")).toEqual(["id"]);
    expect(primaryKeys.get("sign_in_backoff")).toEqual(["subject", "ip"]);
  });

  for (const file of files) {
    it(`${file} runs only SQL Aurora DSQL accepts`, () => {
      const report = statements
        .filter((statement) => statement.file === file)
        .flatMap((statement) =>
          lintRuntimeSql(statement.sql, primaryKeys).map((violation) => ({
            ...violation,
            line: statement.line + violation.line - 1,
          })),
        );
      expect(report, `\n${formatLintViolations(file, report)}\n`).toEqual([]);
    });
  }
});

describe("runtime SQL lint catches what a migration lint never sees", () => {
  const lint = (source: string) =>
    statementsInSource("lib/probe/probe.ts", source).flatMap((statement) =>
      lintRuntimeSql(statement.sql, primaryKeys).map((violation) => violation.rule),
    );

  it.each([
    ["no-advisory-lock", 'await tx.query("SELECT pg_advisory_xact_lock($1)", [42]);'],
    ["no-lock-table", 'await tx.query("LOCK TABLE stay IN SHARE ROW EXCLUSIVE MODE");'],
    ["no-listen-notify", 'await client.query("LISTEN census_changed");'],
    ["no-listen-notify", "await tx.query(`SELECT pg_notify('census', $1)`, [channel]);"],
    ["no-sequence", "await tx.query(`INSERT INTO ward (code) VALUES (nextval('ward_seq')::text)`);"],
    ["no-truncate", 'await db.query("TRUNCATE feed_minute");'],
    ["no-temp-table", 'await db.query("CREATE TEMP TABLE scratch (id uuid)");'],
    [
      "for-update-by-primary-key",
      'await tx.query("SELECT id, failures FROM staff_user WHERE username = $1 FOR UPDATE", [name]);',
    ],
    [
      "for-update-by-primary-key",
      "await tx.query(`SELECT u.id FROM staff_user u JOIN user_scope s ON s.user_id = u.id WHERE u.id = $1 FOR UPDATE`);",
    ],
    ["locking-clause", 'await tx.query("SELECT id FROM staff_user WHERE id = $1 FOR UPDATE NOWAIT", [id]);'],
    ["no-alter-column-type", 'await db.query("ALTER TABLE stay ALTER COLUMN bed TYPE varchar(20)");'],
    ["no-set-not-null", 'await db.query("ALTER TABLE stay ALTER COLUMN bed SET NOT NULL");'],
  ])("%s: %s", (rule, source) => {
    expect(lint(source)).toContain(rule);
  });

  it("accepts a lock by primary key, with the table's alias, and ignores prose", () => {
    expect(
      lint('await tx.query("SELECT failures FROM staff_user u WHERE u.id = $1 FOR UPDATE", [id]);'),
    ).toEqual([]);
    expect(
      lint(
        'await tx.query("SELECT 1 FROM sign_in_backoff WHERE subject = $1 AND ip = $2 FOR UPDATE", [s, ip]);',
      ),
    ).toEqual([]);
    expect(lint('throw new Error("Lock the row first; select it by id");')).toEqual([]);
  });
});
