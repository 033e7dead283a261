import { describe, expect, it } from "vitest";
import { classifyStatement, scanSqlStatements, splitSqlStatements } from "./sql-statements";

describe("splitSqlStatements", () => {
  it("splits a migration on semicolons and strips comments", () => {
    const sql = [
      "-- 0003_stay.sql: one row per visit (PV1-19).",
      "CREATE TABLE IF NOT EXISTS stay (",
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), -- spreads writes on DSQL",
      "  /* PV1-2: patient class */ status text NOT NULL",
      ");",
      "",
      "CREATE INDEX IF NOT EXISTS stay_status_idx ON stay (status);",
    ].join("\n");
    expect(splitSqlStatements(sql)).toEqual([
      "CREATE TABLE IF NOT EXISTS stay (\n  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),\n  status text NOT NULL\n)",
      "CREATE INDEX IF NOT EXISTS stay_status_idx ON stay (status)",
    ]);
  });

  it("keeps semicolons and comment markers inside single-quoted literals", () => {
    const sql = "INSERT INTO setting (key, value) VALUES ('motd', 'it''s down; -- use /* paper */');";
    expect(splitSqlStatements(sql)).toEqual([
      "INSERT INTO setting (key, value) VALUES ('motd', 'it''s down; -- use /* paper */')",
    ]);
  });

  it("honours backslash escapes in E'...' strings only", () => {
    const sql = "SELECT E'a\\'; b'; SELECT 'c\\'; SELECT 'd'";
    expect(splitSqlStatements(sql)).toEqual(["SELECT E'a\\'; b'", "SELECT 'c\\'", "SELECT 'd'"]);
  });

  it("keeps semicolons inside quoted identifiers", () => {
    expect(splitSqlStatements('SELECT 1 AS "a;b"; SELECT 2 AS "say ""hi"";"')).toEqual([
      'SELECT 1 AS "a;b"',
      'SELECT 2 AS "say ""hi"";"',
    ]);
  });

  it("keeps semicolons inside dollar quotes, with or without a tag", () => {
    const sql = [
      "CREATE OR REPLACE FUNCTION ward_label(code text) RETURNS text LANGUAGE sql AS $fn$",
      "  SELECT 'Ward ' || code; -- $$ is not the closing tag here",
      "$fn$;",
      "SELECT $$a;b$$;",
    ].join("\n");
    const statements = splitSqlStatements(sql);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toContain("SELECT 'Ward ' || code; -- $$ is not the closing tag here\n$fn$");
    expect(statements[1]).toBe("SELECT $$a;b$$");
  });

  it("does not mistake $1 parameters or $ inside identifiers for dollar quotes", () => {
    expect(splitSqlStatements("SELECT $1, a$b$ FROM t; SELECT 2")).toEqual([
      "SELECT $1, a$b$ FROM t",
      "SELECT 2",
    ]);
  });

  it("handles nested block comments, as PostgreSQL does", () => {
    expect(splitSqlStatements("/* outer /* inner; */ still comment; */ SELECT 1; SELECT 2")).toEqual([
      "SELECT 1",
      "SELECT 2",
    ]);
  });

  it("keeps tokens apart where a comment separated them", () => {
    expect(splitSqlStatements("CREATE/* why */TABLE IF NOT EXISTS t (a text)")).toEqual([
      "CREATE TABLE IF NOT EXISTS t (a text)",
    ]);
  });

  it("drops empty statements and comment-only files", () => {
    expect(splitSqlStatements(";;\n  ;\n-- nothing; here\n/* nor; here */;")).toEqual([]);
    expect(splitSqlStatements("SELECT 1;;SELECT 2;")).toEqual(["SELECT 1", "SELECT 2"]);
  });

  it("keeps a SQL-standard function body (BEGIN ATOMIC ... END) in one statement", () => {
    const sql = [
      "CREATE OR REPLACE FUNCTION bed_label(bed text) RETURNS text LANGUAGE sql",
      "BEGIN ATOMIC",
      "  SELECT CASE WHEN bed = '' THEN 'chair' ELSE bed END;",
      "END;",
      "SELECT 1;",
    ].join("\n");
    const statements = splitSqlStatements(sql);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/BEGIN ATOMIC[\s\S]*END;\nEND$/);
    expect(statements[1]).toBe("SELECT 1");
  });
});

describe("scanSqlStatements", () => {
  it("reports the line where each statement's first token is", () => {
    const sql =
      "-- header\n\nCREATE TABLE IF NOT EXISTS a (x text);\n/* two\nlines */ CREATE TABLE IF NOT EXISTS b (y text);";
    expect(scanSqlStatements(sql).map((statement) => statement.line)).toEqual([3, 5]);
  });

  it("masks literals, quoted identifiers and comments but keeps offsets and lines", () => {
    const sql = "SELECT 'TRUNCATE', \"serial\", $$BEGIN$$ -- SAVEPOINT\n  FROM t";
    const [statement] = scanSqlStatements(sql);
    const comment = " ".repeat("-- SAVEPOINT".length);
    expect(statement?.masked).toBe(`SELECT '        ', "______", $$     $$ ${comment}\n  FROM t`);
    expect(statement?.raw).toBe(sql);
    expect(statement?.masked).toHaveLength(sql.length);
  });
});

describe("classifyStatement", () => {
  it.each([
    ["CREATE TABLE IF NOT EXISTS t (a text)", "ddl"],
    ["create index if not exists t_a_idx on t (a)", "ddl"],
    ["ALTER TABLE t ADD COLUMN b text", "ddl"],
    ["DROP INDEX IF EXISTS t_a_idx", "ddl"],
    ["COMMENT ON TABLE t IS 'why'", "ddl"],
    ["GRANT SELECT ON t TO reader", "ddl"],
    ["REVOKE ALL ON t FROM PUBLIC", "ddl"],
    ["INSERT INTO t (a) VALUES ('x')", "dml"],
    ["UPDATE t SET a = 'y'", "dml"],
    ["DELETE FROM t WHERE a = 'x'", "dml"],
    ["SELECT 1", "dml"],
    ["(SELECT 1)", "dml"],
    ["WITH moved AS (DELETE FROM t RETURNING a) INSERT INTO u SELECT a FROM moved", "dml"],
    ["MERGE INTO t USING u ON t.a = u.a WHEN MATCHED THEN DO NOTHING", "dml"],
    ["SET search_path TO public", "other"],
    ["BEGIN", "other"],
    ["DO $$ BEGIN END $$", "other"],
    ["", "other"],
  ] as const)("%s is %s", (statement, kind) => {
    expect(classifyStatement(statement)).toBe(kind);
  });

  it("looks past leading comments", () => {
    expect(classifyStatement("-- seed the defaults\n/* why */ INSERT INTO t VALUES (1)")).toBe("dml");
  });
});
