/**
 * Moving a merged patient's rows to the survivor in batches. A patient can own thousands of rows
 * (stays, documents, merge pointers of earlier merges), and Aurora DSQL refuses a transaction that
 * modifies more than 3,000 (lib/db/transaction-budget.ts enforces it on every adapter), so a merge
 * cannot always move everything in the message's transaction.
 *
 * In the message's transaction: the prior MRN's row becomes a pointer to the survivor (so every
 * later message for the old MRN reaches the survivor) and up to `inlineBatch` rows of each kind
 * move. A merge that fits (nearly all) is complete when the message commits, as before. When a
 * batch came back full, a `patient_merge` ledger row is written with it, and `finishPendingMerges`
 * moves the rest, one transaction per batch, deleting the ledger row with the last batch. The
 * moves are keyed by the prior patient's id (`WHERE patient_id = prior`), so running a batch again
 * (a retry, a crash between batches, two runners) moves only what is left: idempotent.
 *
 * What readers see meanwhile: every stay and document is still shown, each under a record of the
 * same person: the ones already moved under the survivor, the others under the prior record with
 * the name and MRN they had before the merge (which is what readers saw before the merge message
 * arrived). Nothing is shown under another person, and nothing disappears; within seconds the
 * last batch commits and all of it shows under the survivor.
 */
import "server-only";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";

/** Rows of each kind moved in the message's own transaction (three kinds: at most 300 rows). */
export const inlineBatch = 100;
/** Rows of each kind per follow-up transaction (at most 1,500 rows, well inside the budget). */
export const followUpBatch = 500;

/** Moves up to `limit` rows of each kind from prior to survivor; true when nothing is left. */
export async function moveMergedRows(
  tx: Queryable,
  priorId: string,
  survivorId: string,
  limit: number,
): Promise<boolean> {
  const moved = [
    await tx.query(
      `UPDATE stay SET patient_id = $1, updated_at = now()
        WHERE id IN (SELECT id FROM stay WHERE patient_id = $2 LIMIT ${Number(limit)})`,
      [survivorId, priorId],
    ),
    await tx.query(
      `UPDATE document SET patient_id = $1
        WHERE id IN (SELECT id FROM document WHERE patient_id = $2 LIMIT ${Number(limit)})`,
      [survivorId, priorId],
    ),
    // Pointers to the prior patient now point at the survivor (merges can chain).
    await tx.query(
      `UPDATE patient SET merged_into = $1
        WHERE id IN (SELECT id FROM patient WHERE merged_into = $2 LIMIT ${Number(limit)})`,
      [survivorId, priorId],
    ),
  ];
  return moved.every((result) => result.rowCount < limit);
}

/**
 * In the merge message's transaction, after the prior MRN's pointer is set: moves a first batch
 * and, when more remain, records the merge for `finishPendingMerges`. Returns whether it did.
 */
export async function startMerge(tx: Queryable, priorId: string, survivorId: string): Promise<boolean> {
  if (await moveMergedRows(tx, priorId, survivorId, inlineBatch)) {
    // A merge finished inline supersedes any earlier, unfinished one for the same prior patient.
    await tx.query("DELETE FROM patient_merge WHERE prior_id = $1", [priorId]);
    return false;
  }
  await tx.query(
    `INSERT INTO patient_merge (prior_id, survivor_id) VALUES ($1, $2)
     ON CONFLICT (prior_id) DO UPDATE SET survivor_id = EXCLUDED.survivor_id`,
    [priorId, survivorId],
  );
  return true;
}

/** The patient rows end up with: the survivor, or whom the survivor was merged into since. */
async function currentSurvivor(q: Queryable, survivorId: string): Promise<string> {
  let id = survivorId;
  for (let hop = 0; hop < 10; hop++) {
    const { rows } = await q.query<{ merged_into: string | null }>(
      "SELECT merged_into FROM patient WHERE id = $1",
      [id],
    );
    const next = rows[0]?.merged_into;
    if (!next || next === id) return id;
    id = next;
  }
  return id;
}

/**
 * Finishes every recorded merge, one batch per transaction. Safe to run at any time and from
 * several processes: it is called after a merge message commits and by the housekeeping timer,
 * so a merge interrupted between batches completes on the next run. Returns the merges finished.
 */
export async function finishPendingMerges(db: Database, batch = followUpBatch): Promise<number> {
  const { rows: pending } = await db.query<{ prior_id: string; survivor_id: string }>(
    "SELECT prior_id, survivor_id FROM patient_merge ORDER BY started_at LIMIT 100",
  );
  let finished = 0;
  for (const merge of pending) {
    for (;;) {
      const done = await writeTransaction(db, async (tx) => {
        const survivor = await currentSurvivor(tx, merge.survivor_id);
        if (!(await moveMergedRows(tx, merge.prior_id, survivor, batch))) return false;
        // Only this merge's row: a newer merge of the same prior patient re-records it.
        await tx.query("DELETE FROM patient_merge WHERE prior_id = $1 AND survivor_id = $2", [
          merge.prior_id,
          merge.survivor_id,
        ]);
        return true;
      });
      if (done) break;
    }
    finished += 1;
  }
  return finished;
}
