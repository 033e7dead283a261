/**
 * Repeats a bounded DELETE until a batch comes back short, each batch in its own retried
 * transaction: Aurora DSQL caps the rows one transaction may change at 3,000. `boundedDelete`
 * takes the batch size as its last parameter (`... LIMIT $n`). Returns how many rows went.
 */

import type { Database } from "./types";
import { writeTransaction } from "./write-transaction";

export async function deleteInBatches(
  db: Database,
  boundedDelete: string,
  params: readonly unknown[],
  batchSize = 1_000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await writeTransaction(
      db,
      async (tx) => (await tx.query(boundedDelete, [...params, batchSize])).rowCount,
    );
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
