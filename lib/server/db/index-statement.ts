/**
 * Migrations write indexes plain (`CREATE [UNIQUE] INDEX IF NOT EXISTS name ON ...`, enforced by
 * the DSQL lint) because PostgreSQL and PGlite reject ASYNC. Aurora DSQL builds every index
 * asynchronously and requires the keyword: `CREATE [ UNIQUE ] INDEX ASYNC [ IF NOT EXISTS ] name
 * ON table_name (...)` (DSQL docs, "Asynchronous indexes in Aurora DSQL"). The runner passes each
 * statement through here.
 */
import type { Dialect } from "@/lib/db/types";

// `(?!\s+ASYNC\b)` keeps the rewrite idempotent; the statement comes from splitSqlStatements, so
// it has no leading comment.
const plainCreateIndex = /^(\s*CREATE\s+(?:UNIQUE\s+)?INDEX)(?=\s)(?!\s+ASYNC\b)/i;

/** On DSQL inserts ASYNC after CREATE [UNIQUE] INDEX; any other statement or dialect is unchanged. */
export function toDialectIndexStatement(stmt: string, dialect: Dialect): string {
  if (dialect !== "dsql") return stmt;
  return stmt.replace(plainCreateIndex, "$1 ASYNC");
}
