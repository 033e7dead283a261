/** The patient columns every census read selects, and their one mapping to what screens show. */
import type { SyncPatient } from "@/lib/sync/sync-types";

export interface PatientColumns {
  patient_id: string;
  mrn: string;
  nhs_number: string | null;
  family_name: string;
  given_names: string | null;
  title: string | null;
  birth_date: string | null;
  sex: string | null;
}

export type PatientIdentity = Omit<SyncPatient, "published">;

/**
 * The MRN as staff know it. FHIR feeds file an identifier from a system other than the PAS's as
 * `<system>|<value>` (lib/fhir/patient-mrn.ts), so one value in two systems stays two patients;
 * the ward shows the value. HL7 v2 MRNs are stored bare and shown as they are.
 */
export function shownMrn(mrn: string): string {
  const bar = mrn.indexOf("|");
  return bar < 0 ? mrn : mrn.slice(bar + 1);
}

/** The same MRN match in SQL over `column`: the stored string, or the value of a qualified one. */
export function mrnMatchSql(column: string, parameter: string): string {
  return `(lower(${column}) = ${parameter} OR right(lower(${column}), length(${parameter}::text) + 1) = '|' || ${parameter})`;
}

export function patientFromRow(row: PatientColumns): PatientIdentity {
  return {
    patientId: row.patient_id,
    mrn: shownMrn(row.mrn),
    nhsNumber: row.nhs_number,
    familyName: row.family_name,
    givenNames: row.given_names,
    title: row.title,
    birthDate: row.birth_date,
    sex: row.sex,
  };
}
