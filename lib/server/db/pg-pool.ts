/**
 * The `pg` Pool adapter shared by PostgreSQL and Aurora DSQL (both speak the PostgreSQL wire
 * protocol). Each transaction takes one pooled client for its whole life.
 */
import "server-only";
import type { Pool, PoolClient } from "pg";
import type { Database, Dialect, Queryable, QueryResult, TransactionOptions } from "@/lib/db/types";
import { translateDriverError } from "@/lib/db/unavailable";
import { type ConnectRetryOptions, withConnectRetry } from "./connect-retry";

function wrap(target: Pool | PoolClient, retry?: ConnectRetryOptions): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      try {
        // On the pool, a statement first needs a connection; a refused one is tried again.
        const run = () => target.query(sql, params as unknown[]);
        const result = retry ? await withConnectRetry(run, retry) : await run();
        return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
      } catch (error) {
        translateDriverError(error);
      }
    },
  };
}

export function createPoolDatabase(
  dialect: Exclude<Dialect, "pglite">,
  pool: Pool,
  retry: ConnectRetryOptions = {},
): Database {
  // An idle client that loses its connection emits 'error' on the pool; without a listener
  // that would crash the process. The next checkout simply opens a fresh connection.
  pool.on("error", () => {});
  const root = wrap(pool, retry);
  return {
    dialect,
    query: root.query,
    async transaction<T>(work: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      let client: PoolClient;
      try {
        client = await withConnectRetry(() => pool.connect(), retry);
      } catch (error) {
        translateDriverError(error);
      }
      let broken = false;
      try {
        // DSQL only offers repeatable read and rejects other levels, so it gets a plain BEGIN.
        const begin =
          dialect === "dsql" ? "BEGIN" : `BEGIN ISOLATION LEVEL ${options.isolation ?? "repeatable read"}`;
        await client.query(begin);
        const result = await work(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch {
          broken = true; // the connection itself failed: do not return it to the pool
        }
        return translateDriverError(error);
      } finally {
        client.release(broken);
      }
    },
    async ping() {
      await root.query("SELECT 1");
    },
    async close() {
      await pool.end();
    },
  };
}
