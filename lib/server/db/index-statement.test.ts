import { describe, expect, it } from "vitest";
import { toDialectIndexStatement } from "./index-statement";

const plain = "CREATE INDEX IF NOT EXISTS stay_ward_idx ON stay (ward_id, bed)";
const unique = "CREATE UNIQUE INDEX IF NOT EXISTS stay_visit_idx ON stay (facility_id, visit_number)";

describe("toDialectIndexStatement", () => {
  it("adds ASYNC on DSQL, where every index is built asynchronously", () => {
    expect(toDialectIndexStatement(plain, "dsql")).toBe(
      "CREATE INDEX ASYNC IF NOT EXISTS stay_ward_idx ON stay (ward_id, bed)",
    );
  });

  it("adds ASYNC after UNIQUE", () => {
    expect(toDialectIndexStatement(unique, "dsql")).toBe(
      "CREATE UNIQUE INDEX ASYNC IF NOT EXISTS stay_visit_idx ON stay (facility_id, visit_number)",
    );
  });

  it("keeps the statement's case and line breaks", () => {
    expect(toDialectIndexStatement("create unique index\n  if not exists a_idx on a (b)", "dsql")).toBe(
      "create unique index ASYNC\n  if not exists a_idx on a (b)",
    );
  });

  it("is idempotent", () => {
    const once = toDialectIndexStatement(plain, "dsql");
    expect(toDialectIndexStatement(once, "dsql")).toBe(once);
  });

  it.each(["pglite", "postgres"] as const)(
    "leaves indexes unchanged on %s, which rejects ASYNC",
    (dialect) => {
      expect(toDialectIndexStatement(plain, dialect)).toBe(plain);
      expect(toDialectIndexStatement(unique, dialect)).toBe(unique);
    },
  );

  it("leaves other statements unchanged on DSQL", () => {
    for (const statement of [
      "CREATE TABLE IF NOT EXISTS stay (id uuid PRIMARY KEY DEFAULT gen_random_uuid())",
      "DROP INDEX IF EXISTS stay_ward_idx",
      "INSERT INTO setting (key, value) VALUES ('note', 'CREATE INDEX IF NOT EXISTS x ON y (z)')",
    ]) {
      expect(toDialectIndexStatement(statement, "dsql")).toBe(statement);
    }
  });
});
