/**
 * Purge tombstones (`purged_visit`): for each purged stay, a keyed hash of its visit number and
 * the last event time purged, so ingest (lib/census/apply-message.ts) ignores a late or replayed
 * event for it instead of bringing the patient back. Written in the same transaction that
 * deletes the stay, so a tombstone exists exactly when its stay is gone.
 */
import "server-only";
import { chunks, rowPlaceholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import { visitHash } from "./visit-hash";

export interface PurgedStay {
  facilityId: string;
  visitNumber: string;
  lastEventAt: Date;
}

/** Rows per INSERT statement; keeps the parameter count modest (3 per row). */
const rowsPerStatement = 500;

export async function writeTombstones(tx: Queryable, key: string, stays: readonly PurgedStay[]) {
  for (const batch of chunks(stays, rowsPerStatement)) {
    const params = batch.flatMap((stay) => [
      stay.facilityId,
      visitHash(key, stay.facilityId, stay.visitNumber),
      stay.lastEventAt,
    ]);
    // A visit number can be purged twice (reused by the PAS, or re-created by a newer event):
    // keep the later time so every event up to it stays ignored.
    await tx.query(
      `INSERT INTO purged_visit (facility_id, visit_hash, last_event_at) VALUES ${rowPlaceholders(batch.length, 3)}
       ON CONFLICT (facility_id, visit_hash) DO UPDATE
         SET last_event_at = GREATEST(purged_visit.last_event_at, EXCLUDED.last_event_at), purged_at = now()`,
      params,
    );
  }
}
