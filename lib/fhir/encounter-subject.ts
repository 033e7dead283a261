import type { PatientRecord } from "@/lib/adt/events";
import { error, type MapResult, rebaseIssues, refused } from "./operation-outcome";
import { conditionalIdentifier, type IndexedResource, type ResourceIndex } from "./references";
import type { FhirEncounter } from "./validate";

/**
 * The patient of an Encounter (Encounter.subject). Resolved within the request: a bundle entry (by
 * fullUrl, "Patient/id", a conditional "Patient?identifier=system|value" or a logical
 * Reference.identifier) or a contained Patient ("#id").
 *
 * An Encounter whose patient is only named by an identifier (subject.identifier, or a conditional
 * reference to nothing in the request) is refused at Encounter.subject: lib/adt/events.ts has no way
 * to say "demographics not sent", and the census replaces a patient's name with each newer event, so
 * an identifier-only record would blank the name on the ward list. The sender can put the Encounter
 * in a Bundle with its Patient instead.
 */

export interface SubjectContext {
  index: ResourceIndex;
  /** The Encounter itself, as indexed (for contained resources and relative references). */
  self: IndexedResource;
  /** Maps a resolved Patient; bundles map each Patient entry once and reuse the result. */
  patientAt: (patient: IndexedResource) => MapResult<PatientRecord>;
}

export function encounterPatient(
  encounter: FhirEncounter,
  context: SubjectContext,
): MapResult<PatientRecord> {
  const subject = encounter.subject;
  const resolved = context.index.resolve(subject, "Patient", context.self);
  if (resolved) {
    const patient = context.patientAt(resolved);
    if (patient.ok) return patient;
    // A contained Patient has no entry of its own to report on, so its issues are reported here.
    if (resolved.index === context.self.index)
      return refused(rebaseIssues(patient.issues, "Encounter.subject.resolve()"));
    return refused([
      error(
        "processing",
        `The subject Patient (Bundle.entry[${resolved.index}]) could not be mapped`,
        "Encounter.subject",
      ),
    ]);
  }
  if (subject?.identifier?.value || conditionalIdentifier(subject?.reference)) {
    return refused([
      error(
        "not-supported",
        "The subject Patient must be sent with the Encounter (Bundle or contained): an identifier alone gives no name for the census",
        "Encounter.subject",
      ),
    ]);
  }
  return refused([
    error(
      "required",
      subject?.reference ? "The subject Patient is not in this request" : "Encounter.subject is required",
      "Encounter.subject",
    ),
  ]);
}
