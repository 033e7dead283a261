/**
 * Migration runner. Migrations are numbered SQL files in ./migrations, each either all DDL or
 * all DML (the DSQL lint enforces it). DDL statements run one per transaction, as Aurora DSQL
 * requires; a DML file runs in one transaction together with its bookkeeping row. Statements
 * say IF NOT EXISTS, so a run interrupted half-way can simply run again. What ran is recorded in
 * `schema_migration`.
 *
 * Two runners (two Lambda cold starts, a deploy beside a running task) must not interleave: Aurora
 * DSQL has no advisory locks, so a runner first claims a row in `schema_migration_lock` with a
 * conditional insert (taken over only once its holder's lease has expired), renews the lease per
 * migration, and releases it at the end. A runner that finds the lock held waits, then starts
 * again from the ledger, which by then shows what the other applied. On DSQL an index that already
 * exists may still be building (another runner's job): the runner waits until the catalog shows it
 * valid before it goes on. Data backfills computed in the app (backfills.ts) run after the SQL
 * migrations, under the same lock, and are recorded in `schema_backfill` once finished.
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { type Backfill, backfills as registeredBackfills } from "./backfills";
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

const backfillDdl = `CREATE TABLE IF NOT EXISTS schema_backfill (
  id text PRIMARY KEY,
  completed_at timestamptz NOT NULL DEFAULT now()
)`;

const lockDdl = `CREATE TABLE IF NOT EXISTS schema_migration_lock (
  id text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL
)`;

export interface MigrationOptions {
  /** How long a claim lasts without renewal; another runner takes over only after it. */
  leaseSeconds?: number;
  /** How long to wait for another runner (or an index build) before giving up. */
  waitSeconds?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  holder?: string;
  /** App-computed data backfills (backfills.ts); each runs once its SQL migration is applied. */
  backfills?: Backfill[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function runDdl(db: Database, statement: string, options: MigrationOptions = {}): Promise<void> {
  const sql = toDialectIndexStatement(statement, db.dialect);
  const result = await writeTransaction(db, (tx) => tx.query<{ job_id?: string }>(sql)).catch((error) => {
    // PostgreSQL: two runners' `CREATE ... IF NOT EXISTS` can race to a duplicate-object error;
    // once the other's has committed, running it again is the no-op IF NOT EXISTS promises.
    if (!isCreateRace(error) || !/\bIF\s+NOT\s+EXISTS\b/i.test(sql)) throw error;
    return writeTransaction(db, (tx) => tx.query<{ job_id?: string }>(sql));
  });
  if (db.dialect !== "dsql") return;
  // On DSQL, CREATE INDEX ASYNC returns a job id; wait so later migrations can rely on the index.
  const jobId = result.rows[0]?.job_id;
  if (jobId) {
    const waited = await db.query<{ ok: boolean }>("SELECT sys.wait_for_job($1) AS ok", [jobId]);
    if (!waited.rows[0]?.ok) throw new Error(`Index job ${jobId} failed: ${statement.slice(0, 80)}`);
    return;
  }
  // No job: the index existed already, perhaps still being built by an earlier, interrupted run.
  const name = indexName(statement);
  if (name) await waitForValidIndex(db, name, options);
}

function isCreateRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "42P07" || code === "42710";
}

/** The index a `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON ...` statement names. */
export function indexName(statement: string): string | null {
  return (
    /^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:ASYNC\s+)?(?:IF\s+NOT\s+EXISTS\s+)?("?)([\w$]+)\1\s+ON\b/i.exec(
      statement,
    )?.[2] ?? null
  );
}

/** Waits until the catalog shows the index valid (DSQL marks an index valid once its build is done). */
export async function waitForValidIndex(
  db: Database,
  name: string,
  options: MigrationOptions = {},
): Promise<void> {
  const sleep = options.sleep ?? defaultSleep;
  const deadline = Date.now() + (options.waitSeconds ?? 1_800) * 1_000;
  for (;;) {
    const { rows } = await db.query<{ valid: boolean }>(
      `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relname = $1`,
      [name],
    );
    if (rows.length === 0 || rows[0]!.valid) return;
    if (Date.now() > deadline)
      throw new Error(`Index ${name} is still being built; run the migrations again later`);
    await sleep(2_000);
  }
}

async function claimLock(db: Database, holder: string, leaseSeconds: number): Promise<boolean> {
  const { rows } = await writeTransaction(db, (tx) =>
    tx.query<{ holder: string }>(
      `INSERT INTO schema_migration_lock (id, holder, expires_at)
       VALUES ('migrations', $1, now() + $2::int * interval '1 second')
       ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
        WHERE schema_migration_lock.expires_at < now() OR schema_migration_lock.holder = EXCLUDED.holder
       RETURNING holder`,
      [holder, leaseSeconds],
    ),
  );
  return rows[0]?.holder === holder;
}

async function renewLock(db: Database, holder: string, leaseSeconds: number): Promise<void> {
  const { rowCount } = await writeTransaction(db, (tx) =>
    tx.query(
      `UPDATE schema_migration_lock SET expires_at = now() + $2::int * interval '1 second'
        WHERE id = 'migrations' AND holder = $1`,
      [holder, leaseSeconds],
    ),
  );
  if (rowCount !== 1) throw new Error("Another migration runner took over the lock; stopping");
}

async function releaseLock(db: Database, holder: string): Promise<void> {
  await writeTransaction(db, (tx) =>
    tx.query("DELETE FROM schema_migration_lock WHERE id = 'migrations' AND holder = $1", [holder]),
  );
}

/** Applies every migration not yet recorded, holding the runners' lock; returns the names it applied. */
export async function runMigrations(
  db: Database,
  migrations = loadMigrations(),
  options: MigrationOptions = {},
): Promise<string[]> {
  const holder = options.holder ?? randomUUID();
  const leaseSeconds = options.leaseSeconds ?? 600;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = Date.now() + (options.waitSeconds ?? 1_800) * 1_000;
  await runDdl(db, ledgerDdl, options);
  await runDdl(db, lockDdl, options);
  await runDdl(db, backfillDdl, options);
  while (!(await claimLock(db, holder, leaseSeconds))) {
    if (Date.now() > deadline) throw new Error("Another migration runner holds the lock; try again later");
    await sleep(1_000);
  }
  try {
    const renew = () => renewLock(db, holder, leaseSeconds);
    const ran = await applyPending(db, migrations, renew, options);
    await runBackfills(db, migrations, options.backfills ?? registeredBackfills, renew);
    return ran;
  } finally {
    await releaseLock(db, holder);
  }
}

/**
 * Runs each backfill whose migration is among these and applied, and that has not finished
 * before. A failure leaves it unrecorded: the next run starts it again (backfills are re-runnable).
 */
async function runBackfills(
  db: Database,
  migrations: Migration[],
  backfills: Backfill[],
  renew: () => Promise<void>,
): Promise<void> {
  if (backfills.length === 0) return;
  const applied = new Set(
    (await db.query<{ name: string }>("SELECT name FROM schema_migration")).rows.map((row) => row.name),
  );
  const done = new Set(
    (await db.query<{ id: string }>("SELECT id FROM schema_backfill")).rows.map((row) => row.id),
  );
  const known = new Set(migrations.map((migration) => migration.name));
  for (const backfill of backfills) {
    if (done.has(backfill.id) || !known.has(backfill.after) || !applied.has(backfill.after)) continue;
    await renew();
    await backfill.run(db);
    await writeTransaction(db, (tx) =>
      tx.query("INSERT INTO schema_backfill (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", [backfill.id]),
    );
  }
}

async function applyPending(
  db: Database,
  migrations: Migration[],
  renew: () => Promise<void>,
  options: MigrationOptions,
): Promise<string[]> {
  const applied = new Set(
    (await db.query<{ id: string }>("SELECT id FROM schema_migration")).rows.map((row) => row.id),
  );
  const ran: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    await renew();
    const statements = splitSqlStatements(migration.sql);
    const checksum = createHash("sha256").update(migration.sql).digest("hex");
    const record = (tx: { query: Database["query"] }) =>
      tx.query(
        "INSERT INTO schema_migration (id, name, checksum) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        [migration.id, migration.name, checksum],
      );
    if (statements.every((statement) => classifyStatement(statement) === "dml")) {
      // A data migration and its ledger row commit together: it ran once, or not at all.
      await writeTransaction(db, async (tx) => {
        for (const statement of statements) await tx.query(statement);
        await record(tx);
      });
    } else {
      for (const statement of statements) await runDdl(db, statement, options);
      await writeTransaction(db, record);
    }
    ran.push(migration.name);
  }
  return ran;
}
