/**
 * Migration runner. Migrations are numbered SQL files in ./migrations, each either all DDL or
 * all DML (the DSQL lint enforces it). DDL statements run one per transaction, as Aurora DSQL
 * requires; a DML file runs in one transaction together with its bookkeeping row. Statements
 * say IF NOT EXISTS, so a run interrupted half-way can simply run again. What ran is recorded in
 * `schema_migration`.
 */
import "server-only";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { toDialectIndexStatement } from "./index-statement";
import { classifyStatement, splitSqlStatements } from "./sql-statements";

export interface Migration {
  id: string;
  name: string;
  sql: string;
}

// turbopackIgnore: the folder is listed in next.config.ts outputFileTracingIncludes instead, so
// the bundler does not trace the whole project because of this dynamic path.
export const migrationsDir = path.join(
  /* turbopackIgnore: true */ process.cwd(),
  "lib",
  "server",
  "db",
  "migrations",
);

export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      id: file.slice(0, 4),
      name: file.replace(/\.sql$/, ""),
      sql: readFileSync(path.join(dir, file), "utf8"),
    }));
}

const ledgerDdl = `CREATE TABLE IF NOT EXISTS schema_migration (
  id text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

async function runDdl(db: Database, statement: string): Promise<void> {
  const sql = toDialectIndexStatement(statement, db.dialect);
  const result = await writeTransaction(db, (tx) => tx.query<{ job_id?: string }>(sql));
  // On DSQL, CREATE INDEX ASYNC returns a job id; wait so later migrations can rely on the index.
  const jobId = result.rows[0]?.job_id;
  if (db.dialect === "dsql" && jobId) {
    const waited = await db.query<{ ok: boolean }>("SELECT sys.wait_for_job($1) AS ok", [jobId]);
    if (!waited.rows[0]?.ok) throw new Error(`Index job ${jobId} failed: ${statement.slice(0, 80)}`);
  }
}

/** Applies every migration not yet recorded; returns the names it applied. */
export async function runMigrations(db: Database, migrations = loadMigrations()): Promise<string[]> {
  await runDdl(db, ledgerDdl);
  const applied = new Set(
    (await db.query<{ id: string }>("SELECT id FROM schema_migration")).rows.map((row) => row.id),
  );
  const ran: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    const statements = splitSqlStatements(migration.sql);
    const checksum = createHash("sha256").update(migration.sql).digest("hex");
    const record = (tx: { query: Database["query"] }) =>
      tx.query(
        "INSERT INTO schema_migration (id, name, checksum) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        [migration.id, migration.name, checksum],
      );
    if (statements.every((statement) => classifyStatement(statement) === "dml")) {
      await writeTransaction(db, async (tx) => {
        for (const statement of statements) await tx.query(statement);
        await record(tx);
      });
    } else {
      for (const statement of statements) await runDdl(db, statement);
      await writeTransaction(db, record);
    }
    ran.push(migration.name);
  }
  return ran;
}
