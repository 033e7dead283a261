import type { PatientRecord } from "@/lib/adt/events";

/**
 * Patients the census already holds, for an Encounter sent without its Patient
 * (encounter-subject.ts). The mapper stays pure: it is handed what the ingest service read from the
 * database, and names what it could not find (FhirEntryResult.unknownPatient), so the service can
 * read those and map again (lib/ingest/fhir/ingest-fhir.ts).
 */

/** A patient of the census: its facility's code and its MRN string (patient-mrn.ts). */
export interface KnownPatientKey {
  facilityCode: string;
  mrn: string;
}

/** The stored patient for a key (a merged MRN gives its survivor), or undefined when none is held. */
export type KnownPatients = (key: KnownPatientKey) => PatientRecord | undefined;

/**
 * The patient a sender's Patient resource id named when it was last sent (`Patient/<id>` in a
 * later Encounter's subject), or undefined when that id was never applied from this sender.
 */
export type KnownPatientIds = (resourceId: string) => KnownPatientKey | undefined;

export function knownPatientIdsOf(found: readonly (readonly [string, KnownPatientKey])[]): KnownPatientIds {
  const byId = new Map(found);
  return (resourceId) => byId.get(resourceId);
}

const keyText = (key: KnownPatientKey) => JSON.stringify([key.facilityCode, key.mrn]);

export function knownPatientsOf(
  found: readonly (readonly [KnownPatientKey, PatientRecord])[],
): KnownPatients {
  const byKey = new Map(found.map(([key, record]) => [keyText(key), record]));
  return (key) => byKey.get(keyText(key));
}

/** Each key once, in first-seen order. */
export function distinctKeys(keys: readonly KnownPatientKey[]): KnownPatientKey[] {
  return [...new Map(keys.map((key) => [keyText(key), key])).values()];
}
