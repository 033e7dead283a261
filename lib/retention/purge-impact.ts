/**
 * What a purge would remove from one facility under a retention policy, counted before the
 * policy is saved (the console's warning, docs/design.md section 5). It walks the very candidate
 * query the purge runner uses (purgeCandidatePages, decided by the pure rule in purge-rules.ts),
 * so there is no second rule to drift: the patients counted are the patients the next run purges,
 * unless data arrives in between. For each it counts what purgePatient deletes: the patient and
 * its merge pointers' document rows and stays, and whether it is on a ward list now (a current
 * stay that went quiet for longer than the stale limit).
 */
import "server-only";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import { placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import { purgeCandidatePages } from "./purge-candidates";
import { type PurgeReason, type RetentionPolicyValues, retentionCutoffs } from "./purge-rules";

export interface PurgeImpact {
  patients: number;
  /** Patients among them with a stay on a ward list now: staff would see them disappear. */
  currentPatients: number;
  stays: number;
  documents: number;
  bytes: number;
  byReason: Record<PurgeReason, number>;
}

interface PageCounts {
  stays: number;
  documents: number;
  bytes: string | number | null;
  current_patients: number;
}

async function countPage(db: Queryable, facilityId: string, patientIds: string[]): Promise<PageCounts> {
  const list = placeholders(patientIds.length, 2);
  // The patients and their merge pointers (every patient row purgePatient deletes).
  const owners = `SELECT id, COALESCE(merged_into, id) AS survivor FROM patient
                   WHERE facility_id = $1 AND (id IN (${list}) OR merged_into IN (${list}))`;
  const { rows } = await db.query<PageCounts>(
    `WITH owners AS (${owners})
     SELECT (SELECT count(*)::int FROM stay s WHERE s.patient_id IN (SELECT id FROM owners)) AS stays,
            (SELECT count(*)::int FROM document d WHERE d.patient_id IN (SELECT id FROM owners)) AS documents,
            (SELECT sum(d.bytes) FROM document d WHERE d.patient_id IN (SELECT id FROM owners)) AS bytes,
            (SELECT count(DISTINCT o.survivor)::int FROM owners o JOIN stay s ON s.patient_id = o.id
              WHERE s.status IN ${currentStayStatusesSql}) AS current_patients`,
    [facilityId, ...patientIds],
  );
  return rows[0]!;
}

export async function purgeImpact(
  db: Queryable,
  facilityId: string,
  policy: RetentionPolicyValues,
  now: Date,
): Promise<PurgeImpact> {
  const impact: PurgeImpact = {
    patients: 0,
    currentPatients: 0,
    stays: 0,
    documents: 0,
    bytes: 0,
    byReason: { discharged: 0, stale: 0 },
  };
  for await (const page of purgeCandidatePages(db, facilityId, retentionCutoffs(policy, now))) {
    const counts = await countPage(
      db,
      facilityId,
      page.map((candidate) => candidate.patientId),
    );
    impact.patients += page.length;
    for (const candidate of page) impact.byReason[candidate.reason] += 1;
    impact.currentPatients += counts.current_patients;
    impact.stays += counts.stays;
    impact.documents += counts.documents;
    impact.bytes += Number(counts.bytes ?? 0);
  }
  return impact;
}
