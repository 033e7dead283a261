/**
 * The patients a list event names (`audit_event_patient`, migration 0035): one row per (event,
 * patient) for a ward list shown (`ward.view`) or a sync round (`patient.sync`), so "who accessed
 * patient X" finds the event by patient without one audit row per patient. Append-only like the
 * log itself; a later page of the same sync round adds its patients to the round's event, and a
 * patient listed twice is kept once (ON CONFLICT DO NOTHING on the primary key).
 */
import "server-only";
import { isUuid } from "@/lib/access/uuid";
import { rowPlaceholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import type { listEventActions } from "./access-kinds";

export interface ListedPatients {
  auditEventId: string;
  action: (typeof listEventActions)[number];
  occurredAt: Date;
  patientIds: readonly string[];
}

/** Writes the rows in the caller's transaction; chunks keep each statement's parameters small. */
export async function recordListedPatients(tx: Queryable, listed: ListedPatients): Promise<number> {
  const ids = [...new Set(listed.patientIds.filter(isUuid))];
  let inserted = 0;
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const result = await tx.query(
      `INSERT INTO audit_event_patient (audit_event_id, patient_id, occurred_at, action)
       VALUES ${rowPlaceholders(chunk.length, 4)} ON CONFLICT (audit_event_id, patient_id) DO NOTHING`,
      chunk.flatMap((patientId) => [listed.auditEventId, patientId, listed.occurredAt, listed.action]),
    );
    inserted += result.rowCount;
  }
  return inserted;
}
