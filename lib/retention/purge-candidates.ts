/**
 * Finds the patients of one facility that are due for purge, a page at a time (keyset on
 * patient.id), so a facility with 100,000 discharged patients never loads every id at once and
 * patients purged between pages do not shift the next page. The SQL narrows the search with the
 * same rule as purge-rules.ts; the pure rule then decides each candidate and names the reason.
 * Merge pointers (merged_into set) are never candidates: they go with their survivor.
 */
import "server-only";
import type { StayStatus } from "@/lib/adt/stay-status";
import { placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import { type PurgeReason, purgeReason, type RetentionCutoffs, type StayFacts } from "./purge-rules";

export interface PurgeCandidate {
  patientId: string;
  reason: PurgeReason;
}

/** Sorts before every UUID, so the first page starts at the beginning. */
const firstId = "00000000-0000-0000-0000-000000000000";

// A stay keeps its patient when it has had an event since $4 (not stale) and has not ended by
// $3 (open, or discharged/cancelled inside the grace period). See stayRetention().
const candidatesSql = `
  SELECT p.id, p.updated_at FROM patient p
   WHERE p.facility_id = $1 AND p.merged_into IS NULL AND p.id > $2
     AND NOT EXISTS (
       SELECT 1 FROM stay s
        WHERE s.patient_id = p.id AND s.last_event_at > $4
          AND NOT (s.status IN ('discharged', 'cancelled') AND
                   CASE WHEN s.status = 'discharged' THEN COALESCE(s.discharged_at, s.last_event_at)
                        ELSE s.last_event_at END <= $3))
     AND (p.updated_at <= $4 OR EXISTS (SELECT 1 FROM stay s WHERE s.patient_id = p.id))
   ORDER BY p.id
   LIMIT $5`;

interface StayFactRow {
  patient_id: string;
  status: StayStatus;
  discharged_at: Date | null;
  last_event_at: Date;
}

async function staysByPatient(db: Queryable, patientIds: string[]): Promise<Map<string, StayFacts[]>> {
  const { rows } = await db.query<StayFactRow>(
    `SELECT patient_id, status, discharged_at, last_event_at FROM stay
      WHERE patient_id IN (${placeholders(patientIds.length)})`,
    patientIds,
  );
  const byPatient = new Map<string, StayFacts[]>();
  for (const row of rows) {
    const stays = byPatient.get(row.patient_id) ?? [];
    stays.push({
      status: row.status,
      dischargedAt: row.discharged_at ? new Date(row.discharged_at) : null,
      lastEventAt: new Date(row.last_event_at),
    });
    byPatient.set(row.patient_id, stays);
  }
  return byPatient;
}

/** Yields non-empty pages of candidates; the caller may purge each page before asking for the next. */
export async function* purgeCandidatePages(
  db: Queryable,
  facilityId: string,
  cutoffs: RetentionCutoffs,
  pageSize = 200,
): AsyncGenerator<PurgeCandidate[]> {
  let after = firstId;
  for (;;) {
    const { rows } = await db.query<{ id: string; updated_at: Date }>(candidatesSql, [
      facilityId,
      after,
      cutoffs.endedBefore,
      cutoffs.staleBefore,
      pageSize,
    ]);
    const last = rows.at(-1);
    if (!last) return;
    after = last.id;
    const stays = await staysByPatient(
      db,
      rows.map((row) => row.id),
    );
    const page: PurgeCandidate[] = [];
    for (const row of rows) {
      const facts = { stays: stays.get(row.id) ?? [], updatedAt: new Date(row.updated_at) };
      const reason = purgeReason(facts, cutoffs);
      if (reason) page.push({ patientId: row.id, reason });
    }
    if (page.length > 0) yield page;
    if (rows.length < pageSize) return;
  }
}
