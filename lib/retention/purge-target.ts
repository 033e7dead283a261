/**
 * Reads what a purge of one patient removes: the patient row, its merge pointers (rows whose
 * `merged_into` names it, kept so old MRNs reach the survivor: they go with it), and the stays
 * of all of those rows, then applies the retention rule. Read at the start of every purge round
 * and again inside the final transaction, so a patient readmitted meanwhile is left alone.
 */
import "server-only";
import type { StayStatus } from "@/lib/adt/stay-status";
import { placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import { type PurgeReason, purgeReason, type RetentionCutoffs, type StayFacts } from "./purge-rules";

export interface PurgeStay extends StayFacts {
  id: string;
  visitNumber: string;
}

export interface PurgeTarget {
  facilityId: string;
  patientId: string;
  /** The patient and its merge pointers: every patient row that goes. */
  ownerIds: string[];
  pointerCount: number;
  stays: PurgeStay[];
  reason: PurgeReason;
}

/** "gone": no such (surviving) patient any more, e.g. another runner finished it. */
export type TargetState = PurgeTarget | "gone" | "not-due";

interface StayRow {
  id: string;
  visit_number: string;
  status: StayStatus;
  discharged_at: Date | null;
  last_event_at: Date;
}

export async function loadStays(q: Queryable, ownerIds: readonly string[]): Promise<PurgeStay[]> {
  const { rows } = await q.query<StayRow>(
    `SELECT id, visit_number, status, discharged_at, last_event_at FROM stay
      WHERE patient_id IN (${placeholders(ownerIds.length)})`,
    ownerIds,
  );
  return rows.map((row) => ({
    id: row.id,
    visitNumber: row.visit_number,
    status: row.status,
    dischargedAt: row.discharged_at ? new Date(row.discharged_at) : null,
    lastEventAt: new Date(row.last_event_at),
  }));
}

export async function loadPurgeTarget(
  q: Queryable,
  patientId: string,
  cutoffs: RetentionCutoffs,
): Promise<TargetState> {
  const patient = await q.query<{ facility_id: string; updated_at: Date }>(
    "SELECT facility_id, updated_at FROM patient WHERE id = $1 AND merged_into IS NULL",
    [patientId],
  );
  const row = patient.rows[0];
  if (!row) return "gone";
  // facility_id first so the lookup can use the (facility_id, mrn) index; merged_into has none.
  const pointers = await q.query<{ id: string }>(
    "SELECT id FROM patient WHERE facility_id = $1 AND merged_into = $2",
    [row.facility_id, patientId],
  );
  const ownerIds = [patientId, ...pointers.rows.map((pointer) => pointer.id)];
  const stays = await loadStays(q, ownerIds);
  const reason = purgeReason({ stays, updatedAt: new Date(row.updated_at) }, cutoffs);
  if (!reason) return "not-due";
  return {
    facilityId: row.facility_id,
    patientId,
    ownerIds,
    pointerCount: pointers.rows.length,
    stays,
    reason,
  };
}
