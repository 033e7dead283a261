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

export function patientFromRow(row: PatientColumns): PatientIdentity {
  return {
    patientId: row.patient_id,
    mrn: row.mrn,
    nhsNumber: row.nhs_number,
    familyName: row.family_name,
    givenNames: row.given_names,
    title: row.title,
    birthDate: row.birth_date,
    sex: row.sex,
  };
}
