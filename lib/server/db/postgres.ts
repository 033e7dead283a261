/** PostgreSQL adapter: a `pg` Pool from DATABASE_URL (on-prem servers, CI). */
import "server-only";
import pg from "pg";
import type { Database } from "@/lib/db/types";
import { createPoolDatabase } from "./pg-pool";

export function createPostgresDatabase(url: string, poolMax = 10): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  return createPoolDatabase("postgres", pool);
}
