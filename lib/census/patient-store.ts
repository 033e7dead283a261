/**
 * Patients in the `patient` table, keyed by (facility, MRN). Demographics are replaced only by an
 * event at least as recent as the one that wrote them (`demographics_at`), so late delivery of an
 * old message never overwrites newer details. A merged patient's row stays as a pointer
 * (`merged_into`) so later messages that still use the old MRN reach the surviving patient.
 */
import "server-only";
import type { OptionalField, PatientRecord, Sex } from "@/lib/adt/events";
import { nameSearchKey, optionalNameSearchKey } from "@/lib/adt/name-search-key";
import type { Queryable } from "@/lib/db/types";
import { startMerge } from "./patient-merge";

/**
 * The published extras as a JSON object to merge over the stored one: a field the message sent
 * replaces the stored value; a field it did not send keeps it (a transfer without AL1 or ZAL
 * segments must not erase known allergies or a DNACPR alert); a field the policy withholds is
 * `null`, which the merge removes. Allergies and their status travel together, so a list of
 * allergens never sits beside an old "no known allergies".
 */
export function publishedExtras(patient: PatientRecord, withheld: readonly OptionalField[] = []): string {
  const { familyName, givenNames, title, birthDate, sex, ...sent } = patient.demographics;
  const extras: Record<string, unknown> = { ...sent };
  for (const field of withheld) if (!(field in extras)) extras[field] = null;
  if ("allergies" in extras || "allergyStatus" in extras) {
    extras.allergies ??= null;
    extras.allergyStatus ??= null;
  }
  return JSON.stringify(extras);
}

/** Inserts or updates the patient and returns the id that events should attach to. */
export async function upsertPatient(
  tx: Queryable,
  facilityId: string,
  patient: PatientRecord,
  eventAt: Date,
  /** Optional fields the facility's policy does not publish: cleared from the stored record. */
  withheld: readonly OptionalField[] = [],
): Promise<string> {
  const d = patient.demographics;
  const { rows } = await tx.query<{ id: string; merged_into: string | null }>(
    `INSERT INTO patient (facility_id, mrn, nhs_number, family_name, given_names, title, birth_date, sex, published,
       demographics_at, family_name_key, given_names_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, jsonb_strip_nulls($9::jsonb)::text, $10, $11, $12)
     ON CONFLICT (facility_id, mrn) DO UPDATE SET
       nhs_number = COALESCE(EXCLUDED.nhs_number, patient.nhs_number),
       family_name = EXCLUDED.family_name, given_names = EXCLUDED.given_names, title = EXCLUDED.title,
       -- The search keys always travel with the names they are computed from.
       family_name_key = EXCLUDED.family_name_key, given_names_key = EXCLUDED.given_names_key,
       -- A birth date or sex not sent (or dropped as unreadable) keeps what is known.
       birth_date = COALESCE(EXCLUDED.birth_date, patient.birth_date), sex = COALESCE(EXCLUDED.sex, patient.sex),
       -- Fields the message did not send keep their stored value (publishedExtras).
       published = jsonb_strip_nulls(patient.published::jsonb || $9::jsonb)::text,
       demographics_at = EXCLUDED.demographics_at, updated_at = now()
     WHERE patient.demographics_at <= EXCLUDED.demographics_at AND patient.merged_into IS NULL
     RETURNING id, merged_into`,
    [
      facilityId,
      patient.mrn,
      patient.nhsNumber ?? null,
      d.familyName,
      d.givenNames ?? null,
      d.title ?? null,
      d.birthDate ?? null,
      d.sex ?? null,
      publishedExtras(patient, withheld),
      eventAt,
      nameSearchKey(d.familyName),
      optionalNameSearchKey(d.givenNames),
    ],
  );
  if (rows[0]) return rows[0].merged_into ?? rows[0].id;
  // Older event, or a merged patient: keep what is stored and follow the merge pointer.
  const existing = await tx.query<{ id: string; merged_into: string | null }>(
    "SELECT id, merged_into FROM patient WHERE facility_id = $1 AND mrn = $2",
    [facilityId, patient.mrn],
  );
  const row = existing.rows[0]!;
  return row.merged_into ?? row.id;
}

/**
 * Merge (A34/A40): the surviving patient takes the prior patient's stays and documents, and the
 * prior MRN becomes a pointer. A merge that arrives before anything about the prior MRN leaves
 * the pointer in place for when it does. The rows move in batches (patient-merge.ts): returns
 * true when some are left for `finishPendingMerges`.
 */
export async function mergePatient(
  tx: Queryable,
  facilityId: string,
  priorMrn: string,
  survivorId: string,
  eventAt: Date,
): Promise<boolean> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO patient (facility_id, mrn, family_name, family_name_key, demographics_at, merged_into)
     VALUES ($1, $2, '', '', $3, $4)
     ON CONFLICT (facility_id, mrn) DO UPDATE SET merged_into = EXCLUDED.merged_into, updated_at = now()
     RETURNING id`,
    [facilityId, priorMrn, eventAt, survivorId],
  );
  const priorId = rows[0]!.id;
  if (priorId === survivorId) return false;
  return startMerge(tx, priorId, survivorId);
}

/**
 * The stored patient with this MRN at a facility, as a record (a merged MRN gives its survivor), or
 * null: for an Encounter that arrives without its Patient (lib/ingest/fhir). The details are what
 * was last applied, so carrying them on the Encounter's event changes none of them.
 */
export async function findPatientRecord(
  q: Queryable,
  facilityCode: string,
  mrn: string,
): Promise<PatientRecord | null> {
  const { rows } = await q.query<{
    mrn: string;
    nhs_number: string | null;
    family_name: string;
    given_names: string | null;
    title: string | null;
    birth_date: string | null;
    sex: Sex | null;
    published: string;
  }>(
    `SELECT t.mrn, t.nhs_number, t.family_name, t.given_names, t.title,
            to_char(t.birth_date, 'YYYY-MM-DD') AS birth_date, t.sex, t.published
       FROM patient p
       JOIN facility f ON f.id = p.facility_id
       JOIN patient t ON t.id = COALESCE(p.merged_into, p.id)
      WHERE f.code = $1 AND p.mrn = $2`,
    [facilityCode, mrn],
  );
  const row = rows[0];
  if (!row) return null;
  const extras = JSON.parse(row.published) as Omit<PatientRecord["demographics"], "familyName">;
  return {
    mrn: row.mrn,
    ...(row.nhs_number ? { nhsNumber: row.nhs_number } : {}),
    demographics: {
      ...extras,
      familyName: row.family_name,
      ...(row.given_names ? { givenNames: row.given_names } : {}),
      ...(row.title ? { title: row.title } : {}),
      ...(row.birth_date ? { birthDate: row.birth_date } : {}),
      ...(row.sex ? { sex: row.sex } : {}),
    },
  };
}
