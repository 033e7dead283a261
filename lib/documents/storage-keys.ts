/**
 * Where documents live in the document store: by internal ids only, never names or MRNs.
 * Every object of a patient sits under the patient's prefix, so a purge can sweep it whole.
 */
export function patientPrefix(facilityId: string, patientId: string): string {
  return `facilities/${facilityId}/patients/${patientId}/`;
}

export function documentKey(facilityId: string, patientId: string, objectId: string): string {
  return `${patientPrefix(facilityId, patientId)}documents/${objectId}`;
}

export function facilityPrefix(facilityId: string): string {
  return `facilities/${facilityId}/`;
}
