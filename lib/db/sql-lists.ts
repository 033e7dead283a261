/**
 * Small helpers for building `IN (...)` lists, multi-row VALUES and batches without array
 * parameters (one placeholder per value: the same SQL on every adapter, DSQL included).
 */

/** `$n, $n+1, ...` for `count` values whose first parameter number is `first`. */
export function placeholders(count: number, first = 1): string {
  return Array.from({ length: count }, (_, index) => `$${first + index}`).join(", ");
}

/** `($1, $2), ($3, $4), ...` for a multi-row INSERT of `rows` rows of `perRow` values each. */
export function rowPlaceholders(rows: number, perRow: number, first = 1): string {
  return Array.from({ length: rows }, (_, row) => `(${placeholders(perRow, first + row * perRow)})`).join(
    ", ",
  );
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Runs `work` over `items` with at most `limit` calls in flight; rejects on the first failure. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
