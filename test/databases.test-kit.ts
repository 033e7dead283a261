/**
 * Integration-test harness: every database adapter the machine can reach. PGlite (in memory) is
 * always there; PostgreSQL is used when DATABASE_URL is set or a server answers on
 * 127.0.0.1:5432. Each test file gets a fresh, migrated PostgreSQL database of its own, dropped
 * afterwards. With REQUIRE_POSTGRES=1 (CI) an unreachable PostgreSQL fails the run instead of
 * quietly testing one adapter.
 */
import pg from "pg";
import type { Database, Dialect } from "@/lib/db/types";
import { runMigrations } from "@/lib/server/db/migrate";
import { createPgliteDatabase } from "@/lib/server/db/pglite";
import { createPostgresDatabase } from "@/lib/server/db/postgres";
import { createScratchDatabase } from "./scratch-postgres.test-kit";

export interface TestDatabase {
  dialect: Dialect;
  /** Opens a fresh, migrated database; `drop` closes and deletes it. */
  create(): Promise<{ db: Database; url?: string; drop: () => Promise<void> }>;
}

const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgliteTarget: TestDatabase = {
  dialect: "pglite",
  async create() {
    const db = await createPgliteDatabase();
    await runMigrations(db);
    return { db, drop: () => db.close() };
  },
};

const postgresTarget: TestDatabase = {
  dialect: "postgres",
  async create() {
    const scratch = await createScratchDatabase(serverUrl, "downtime_test");
    const db = createPostgresDatabase(scratch.url, 12);
    await runMigrations(db);
    return {
      db,
      url: scratch.url,
      async drop() {
        await db.close();
        await scratch.drop();
      },
    };
  },
};

/** The adapters to run integration tests against, decided once per test file (top-level await). */
export async function reachableDatabases(): Promise<TestDatabase[]> {
  if (await postgresReachable()) return [pgliteTarget, postgresTarget];
  if (process.env.REQUIRE_POSTGRES === "1") {
    throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at ${new URL(serverUrl).host} is unreachable`);
  }
  return [pgliteTarget];
}

export const postgresServerUrl = serverUrl;
export { postgresReachable };
