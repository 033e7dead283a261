/**
 * The bulk of a purge, in batches that each commit on their own: a stay has tens of events
 * normally but thousands when a feed loops, and Aurora DSQL fails a transaction that modifies
 * more than 3,000 rows (docs/design.md §3). Each batch is idempotent, so a crash between batches
 * loses nothing: the next run deletes what is left.
 */
import "server-only";
import { chunks, placeholders } from "@/lib/db/sql-lists";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { batchRows, finalStays, overflowStaysPerBatch } from "./purge-limits";
import { stayEndedAt } from "./purge-rules";
import type { PurgeStay, PurgeTarget } from "./purge-target";
import { writeTombstones } from "./tombstones";

/** Deletes the stays' events, at most `batchRows` per transaction; returns how many went. */
export async function deleteStayEvents(db: Database, stayIds: readonly string[]): Promise<number> {
  if (stayIds.length === 0) return 0;
  let deleted = 0;
  for (;;) {
    // DELETE has no LIMIT in PostgreSQL: pick the ids first, in the same statement.
    const { rowCount } = await writeTransaction(db, (tx) =>
      tx.query(
        `DELETE FROM stay_event WHERE id IN (
           SELECT id FROM stay_event WHERE stay_id IN (${placeholders(stayIds.length, 2)}) LIMIT $1)`,
        [batchRows, ...stayIds],
      ),
    );
    deleted += rowCount;
    if (rowCount < batchRows) return deleted;
  }
}

function endOrLastEvent(stay: PurgeStay): number {
  return (stayEndedAt(stay) ?? stay.lastEventAt).getTime();
}

/**
 * A patient with more stays than the final transaction can take (each stay is a delete and a
 * tombstone) loses its oldest stays first, each batch with their tombstones. Only stays whose
 * events are all gone are deleted, so an event that arrived meanwhile is never orphaned.
 */
export async function deleteOverflowStays(db: Database, target: PurgeTarget, key: string): Promise<number> {
  if (target.stays.length <= finalStays) return 0;
  const oldestFirst = [...target.stays].sort((a, b) => endOrLastEvent(a) - endOrLastEvent(b));
  const overflow = oldestFirst.slice(0, target.stays.length - finalStays);
  let deleted = 0;
  for (const batch of chunks(overflow, overflowStaysPerBatch)) {
    deleted += await writeTransaction(db, async (tx) => {
      const { rows } = await tx.query<{ visit_number: string; last_event_at: Date }>(
        `DELETE FROM stay WHERE id IN (${placeholders(batch.length)})
           AND NOT EXISTS (SELECT 1 FROM stay_event e WHERE e.stay_id = stay.id)
         RETURNING visit_number, last_event_at`,
        batch.map((stay) => stay.id),
      );
      await writeTombstones(
        tx,
        key,
        rows.map((row) => ({
          facilityId: target.facilityId,
          visitNumber: row.visit_number,
          lastEventAt: new Date(row.last_event_at),
        })),
      );
      return rows.length;
    });
  }
  return deleted;
}
