/**
 * Embedded adapter: PGlite (PostgreSQL compiled to WASM) with its data in a local folder, so the
 * app runs with no database server. One connection per process; PGlite serialises transactions,
 * so conflicts never occur here, but the same retry helper still wraps writes.
 */
import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { Database, Queryable, QueryResult, TransactionOptions } from "@/lib/db/types";
import { translateDriverError } from "@/lib/db/unavailable";

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

/** `dataDir` undefined keeps everything in memory (tests). */
export async function createPgliteDatabase(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = new PGlite(dataDir);
  await pg.waitReady;
  const root = wrap(pg);
  return {
    dialect: "pglite",
    query: root.query,
    async transaction<T>(work: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      try {
        return await pg.transaction(async (tx) => {
          await tx.query(`SET TRANSACTION ISOLATION LEVEL ${options.isolation ?? "repeatable read"}`);
          return work(wrap(tx));
        });
      } catch (error) {
        return translateDriverError(error);
      }
    },
    async ping() {
      await pg.query("SELECT 1");
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
