/**
 * Aurora DSQL refuses a write transaction that modifies more than 3,000 rows or 10 MiB of data
 * (SQLSTATE 54000, not retryable), and PostgreSQL and PGlite, which every test runs on, would
 * accept it. So every `writeTransaction` counts what its statements modify and stops at a budget
 * below DSQL's limits, on every adapter: a code path that would fail on a real cluster fails in
 * the tests first. Paths that can be large (bundles, merges, print packs, imports) split their
 * work into transactions that fit, or refuse the input up front.
 *
 * Counted: the rows each INSERT, UPDATE or DELETE reports (for a data-modifying CTE, the rows of
 * its final statement; such CTEs here modify one row per CTE), and the bytes of the parameters
 * sent with them, a fair bound on the data written.
 */
import { AppError } from "@/lib/errors";
import type { Queryable, QueryResult } from "./types";

export interface TransactionBudget {
  /** DSQL's limit is 3,000 rows; the margin leaves room for rows a count can miss. */
  maxRows: number;
  /** DSQL's limit is 10 MiB. */
  maxBytes: number;
}

export const defaultTransactionBudget: TransactionBudget = { maxRows: 2_500, maxBytes: 8 * 1024 * 1024 };

const modifying = /^\s*(?:insert|update|delete|merge)\b/i;
const modifyingCte = /^\s*with\b[\s\S]*\b(?:insert\s+into|update\s+\w+|delete\s+from)\b/i;

export function isModifyingStatement(sql: string): boolean {
  return modifying.test(sql) || modifyingCte.test(sql);
}

function parameterBytes(params: readonly unknown[] | undefined): number {
  let bytes = 0;
  for (const value of params ?? []) {
    if (typeof value === "string") bytes += Buffer.byteLength(value);
    else if (value instanceof Uint8Array) bytes += value.byteLength;
    else if (value !== null && value !== undefined) bytes += 8;
  }
  return bytes;
}

export class BudgetedTransaction implements Queryable {
  rows = 0;
  bytes = 0;

  constructor(
    private readonly inner: Queryable,
    private readonly budget: TransactionBudget,
  ) {}

  async query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<Row>> {
    if (!isModifyingStatement(sql)) return this.inner.query<Row>(sql, params);
    this.bytes += parameterBytes(params);
    this.check();
    const result = await this.inner.query<Row>(sql, params);
    this.rows += result.rowCount;
    this.check();
    return result;
  }

  private check(): void {
    if (this.rows > this.budget.maxRows || this.bytes > this.budget.maxBytes) {
      throw new AppError(
        "payload_too_large",
        `One transaction would modify ${this.rows} rows and ${this.bytes} bytes, over the limit of ` +
          `${this.budget.maxRows} rows and ${this.budget.maxBytes} bytes: send it in smaller parts`,
      );
    }
  }
}
