import type { PatientRecord } from "@/lib/adt/events";
import { error, type MapResult, rebaseIssues, refused, resultOf } from "./operation-outcome";
import { identifierMrn, type PatientIdentifierOptions } from "./patient-identifiers";
import { conditionalIdentifier, type IndexedResource, type ResourceIndex } from "./references";
import type { FhirEncounter } from "./validate";

/**
 * The patient of an Encounter (Encounter.subject), in this order:
 *   1. in the request: a bundle entry (by fullUrl, "Patient/id", a conditional
 *      "Patient?identifier=system|value" or a logical Reference.identifier) or a contained Patient
 *      ("#id"). A reference that fits two Patients of the request is refused, never guessed.
 *   2. sent before: subject.identifier, else the identifier of a conditional reference, names the
 *      MRN (patient-mrn.ts) of a patient the census already holds; map-encounter.ts looks it up at
 *      the Encounter's facility. A conditional reference must then name the system: a value alone
 *      could be a number of several systems.
 *   3. sent before by resource id: a logical reference alone ("Patient/123") names the Patient
 *      resource this sender last sent with that id; map-encounter.ts looks up the MRN it was filed
 *      under (lib/census/fhir-patient-refs.ts keeps them).
 */

export interface SubjectContext extends PatientIdentifierOptions {
  index: ResourceIndex;
  /** The Encounter itself, as indexed (for contained resources and relative references). */
  self: IndexedResource;
  /** Maps a resolved Patient; bundles map each Patient entry once and reuse the result. */
  patientAt: (patient: IndexedResource) => MapResult<PatientRecord>;
}

export type EncounterSubject =
  /** The Patient travels with the Encounter (`resourceId`: its Patient.id, when it has one). */
  | { sent: true; patient: PatientRecord; resourceId?: string }
  /** A patient sent before, by the MRN its identifier gives. */
  | { sent: false; mrn: string }
  /** A patient sent before, by the id of the Patient resource that carried it. */
  | { sent: false; resourceId: string };

/** A FHIR logical id (R4 datatypes: id), as in "Patient/123". */
const LOGICAL_REFERENCE = /^Patient\/([A-Za-z0-9\-.]{1,64})$/;

const PATH = "Encounter.subject";

export function encounterSubject(
  encounter: FhirEncounter,
  context: SubjectContext,
): MapResult<EncounterSubject> {
  const subject = encounter.subject;
  const candidates = context.index.resolveAll(subject, "Patient", context.self);
  if (candidates.length > 1) {
    return refused([error("processing", "The subject matches more than one Patient in this request", PATH)]);
  }
  const [resolved] = candidates;
  if (resolved) {
    const patient = context.patientAt(resolved);
    if (patient.ok) {
      const resourceId = typeof resolved.resource.id === "string" ? resolved.resource.id : undefined;
      return resultOf(
        { sent: true, patient: patient.value, ...(resourceId ? { resourceId } : {}) },
        patient.issues,
      );
    }
    // A contained Patient has no entry of its own to report on, so its issues are reported here.
    if (resolved.index === context.self.index)
      return refused(rebaseIssues(patient.issues, `${PATH}.resolve()`));
    return refused([
      error("processing", `The subject Patient (Bundle.entry[${resolved.index}]) could not be mapped`, PATH),
    ]);
  }

  if (subject?.identifier?.value?.trim()) {
    const { system, value } = subject.identifier;
    return knownBy({ system, value }, context, `${PATH}.identifier`);
  }
  const conditional = conditionalIdentifier(subject?.reference);
  if (conditional && subject?.reference?.startsWith("Patient?")) {
    if (conditional.system === undefined) {
      return refused([
        error(
          "required",
          "A patient sent before is found by system and value: write Patient?identifier=system|value",
          `${PATH}.reference`,
        ),
      ]);
    }
    return knownBy(conditional, context, `${PATH}.reference`);
  }
  const logical = LOGICAL_REFERENCE.exec(subject?.reference?.trim() ?? "");
  if (logical) return resultOf({ sent: false, resourceId: logical[1]! }, []);
  return refused([
    subject?.reference
      ? error(
          "not-found",
          "The subject Patient is not in this request; to use a patient sent before, add subject.identifier (the MRN's system and value)",
          PATH,
        )
      : error("required", "Encounter.subject is required", PATH),
  ]);
}

function knownBy(
  identifier: { system?: string; value: string },
  context: SubjectContext,
  path: string,
): MapResult<EncounterSubject> {
  if (!identifier.value.trim()) return refused([error("required", "The identifier has no value", path)]);
  const mrn = identifierMrn(identifier, context, path);
  return mrn.ok ? resultOf({ sent: false, mrn: mrn.value }, []) : refused(mrn.issues);
}
