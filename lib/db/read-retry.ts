/**
 * Aurora DSQL fails any statement that runs while another session changes the schema with
 * 40001/OC001 ("schema has been updated"), reads included. Writes are retried by
 * `writeTransaction`; this retries single read statements too, a few times with jitter, so the
 * session read every request makes does not fail while a migration runs. Only statements that
 * modify nothing are retried here (a write outside `writeTransaction` must fail loudly), and a
 * read transaction (`transaction`) is left to its caller.
 */
import { isModifyingStatement } from "./transaction-budget";
import type { Database, QueryResult } from "./types";
import { type RetryOptions, retryOnConflict } from "./write-transaction";

export function withReadRetry(db: Database, options: RetryOptions = {}): Database {
  const retry = { maxAttempts: 4, baseDelayMs: 25, maxDelayMs: 400, ...options };
  return {
    get dialect() {
      return db.dialect;
    },
    query<Row = Record<string, unknown>>(
      sql: string,
      params?: readonly unknown[],
    ): Promise<QueryResult<Row>> {
      if (isModifyingStatement(sql)) return db.query<Row>(sql, params);
      return retryOnConflict(() => db.query<Row>(sql, params), retry);
    },
    transaction: (work, transactionOptions) => db.transaction(work, transactionOptions),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}
