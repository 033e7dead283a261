/**
 * The one retry helper for write transactions. Aurora DSQL uses optimistic concurrency: a
 * conflicting COMMIT fails with SQLSTATE 40001 (OC000 data conflict, OC001 schema changed);
 * PostgreSQL reports serialization failures (40001) and deadlocks (40P01). Those are retried with
 * jittered exponential backoff; everything else fails at once. The work must be safe to run again.
 */
import { BudgetedTransaction, defaultTransactionBudget, type TransactionBudget } from "./transaction-budget";
import type { Database, Queryable, TransactionOptions } from "./types";

export interface RetryOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (attempt: number, error: unknown) => void;
}

const retryableSqlStates = new Set(["40001", "40P01"]);

export function isRetryableConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && retryableSqlStates.has(code)) return true;
  // DSQL names its conflicts in the message too; some drivers lose the SQLSTATE on COMMIT.
  return typeof message === "string" && /\((OC000|OC001)\)/.test(message);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retryOnConflict<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 15;
  const maxDelayMs = options.maxDelayMs ?? 1_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryableConflict(error)) throw error;
      options.onRetry?.(attempt, error);
      // "Full jitter": a random delay up to the exponential cap spreads competing writers apart.
      const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.round(random() * cap));
    }
  }
}

export interface WriteTransactionOptions extends TransactionOptions, RetryOptions {
  /** What one transaction may modify (transaction-budget.ts); DSQL's limits less a margin by default. */
  budget?: TransactionBudget;
}

/**
 * Every write path goes through here: one transaction, retried on conflicts, held to the row and
 * byte budget Aurora DSQL enforces (transaction-budget.ts).
 */
export function writeTransaction<T>(
  db: Database,
  work: (tx: Queryable) => Promise<T>,
  options: WriteTransactionOptions = {},
): Promise<T> {
  const budget = options.budget ?? defaultTransactionBudget;
  return retryOnConflict(
    () => db.transaction((tx) => work(new BudgetedTransaction(tx, budget)), options),
    options,
  );
}
