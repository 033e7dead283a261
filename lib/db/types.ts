/** The small interface every database adapter (PGlite, PostgreSQL, Aurora DSQL) implements. */

export type Dialect = "pglite" | "postgres" | "dsql";

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted by the statement (0 for SELECT on some drivers). */
  rowCount: number;
}

export interface Queryable {
  /** Runs one statement with `$1`-style parameters. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

export type IsolationLevel = "repeatable read" | "serializable";

export interface TransactionOptions {
  /** Defaults to repeatable read, which is what Aurora DSQL provides. */
  isolation?: IsolationLevel;
}

export interface Database extends Queryable {
  readonly dialect: Dialect;
  /**
   * Runs `work` in one transaction, once: commits when it resolves, rolls back when it throws.
   * Write paths call `writeTransaction` (write-transaction.ts) instead, which retries conflicts.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Cheap round trip for the health endpoint. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
