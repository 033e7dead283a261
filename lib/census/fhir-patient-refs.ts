/**
 * The FHIR Patient resource ids a sender has used (`fhir_patient_ref`), each with the patient it
 * named: what lets an Encounter sent later with only `subject.reference = "Patient/<id>"` find its
 * patient. A sender's ids are its own namespace (the source is the API client), and the row
 * follows the latest Patient sent with that id.
 */
import "server-only";
import { placeholders, rowPlaceholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";

export interface PatientRef {
  resourceId: string;
  facilityCode: string;
  mrn: string;
}

/** One statement for all of a message's refs; the last ref sent with an id wins. */
export async function recordPatientRefs(
  db: Queryable,
  source: string,
  refs: readonly PatientRef[],
): Promise<void> {
  const latest = [...new Map(refs.map((ref) => [ref.resourceId, ref])).values()];
  if (latest.length === 0) return;
  await db.query(
    `INSERT INTO fhir_patient_ref (source, resource_id, facility_code, mrn)
     VALUES ${rowPlaceholders(latest.length, 4)}
     ON CONFLICT (source, resource_id) DO UPDATE
       SET facility_code = EXCLUDED.facility_code, mrn = EXCLUDED.mrn, updated_at = now()`,
    latest.flatMap((ref) => [source, ref.resourceId, ref.facilityCode, ref.mrn]),
  );
}

export async function findPatientRefs(
  db: Queryable,
  source: string,
  resourceIds: readonly string[],
): Promise<Map<string, PatientRef>> {
  if (resourceIds.length === 0) return new Map();
  const { rows } = await db.query<{ resource_id: string; facility_code: string; mrn: string }>(
    `SELECT resource_id, facility_code, mrn FROM fhir_patient_ref
      WHERE source = $1 AND resource_id IN (${placeholders(resourceIds.length, 2)})`,
    [source, ...resourceIds],
  );
  return new Map(
    rows.map((row) => [
      row.resource_id,
      { resourceId: row.resource_id, facilityCode: row.facility_code, mrn: row.mrn },
    ]),
  );
}

/** Run by the purge with the patient: the row holds its MRN. */
export async function deletePatientRefs(
  tx: Queryable,
  facilityCode: string,
  mrns: readonly string[],
): Promise<void> {
  if (mrns.length === 0) return;
  await tx.query(
    `DELETE FROM fhir_patient_ref WHERE facility_code = $1 AND mrn IN (${placeholders(mrns.length, 2)})`,
    [facilityCode, ...mrns],
  );
}
