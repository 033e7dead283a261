import type { AdtEvent, AdtEventKind, PatientRecord } from "@/lib/adt/events";
import { parseFhirDateTime } from "./fhir-datetime";
import { error, type MapResult, type OutcomeIssue, resultOf } from "./operation-outcome";
import type { PatientIdentifierOptions } from "./patient-identifiers";
import { patientKeys } from "./patient-identifiers";
import { type IndexedResource, identifiersOf, type ResourceIndex } from "./references";
import type { FhirPatient } from "./validate";

/**
 * An event about a person only (no visit): a Patient that arrives without an Encounter is a person
 * update (A31), or the person event a message names (A28 add, A40 merge).
 *   facilityCode  the API client's default facility. Patient.managingOrganization is not used: in UK
 *                 Core and PDS it is the registered GP practice, not the hospital site.
 *   eventAt       Patient.meta.lastUpdated, else the fallback time (Bundle.timestamp, else `now`).
 *   mergedFrom    for a merge, the Patient.link of type "replaces" (R4 link-type): the MRN of the
 *                 Patient it points at in the request, else the link's identifier.
 */

export interface PersonEventContext extends PatientIdentifierOptions {
  kind: AdtEventKind;
  trigger: string;
  now: Date;
  timeZone?: string;
  defaultFacilityCode?: string;
  index: ResourceIndex;
  self: IndexedResource;
}

export function personEvent(
  patient: FhirPatient,
  record: PatientRecord,
  context: PersonEventContext,
): MapResult<AdtEvent> {
  const issues: OutcomeIssue[] = [];
  const facilityCode = context.defaultFacilityCode;
  if (!facilityCode) {
    issues.push(
      error(
        "required",
        "No facility: a Patient sent without an Encounter needs the client's default facility",
        "Patient",
      ),
    );
  }
  const mergedFrom = context.kind === "merge" ? replacedMrn(patient, context) : undefined;
  if (context.kind === "merge" && !mergedFrom) {
    issues.push(
      error(
        "required",
        "A merge needs Patient.link of type 'replaces' naming the old patient",
        "Patient.link",
      ),
    );
  }
  const eventAt = parseFhirDateTime(patient.meta?.lastUpdated, context.timeZone) ?? context.now;
  const event: AdtEvent | undefined = facilityCode
    ? {
        kind: context.kind,
        trigger: context.trigger,
        facilityCode,
        eventAt,
        patient: record,
        ...(mergedFrom ? { mergedFrom: { mrn: mergedFrom } } : {}),
      }
    : undefined;
  return resultOf(event, issues);
}

function replacedMrn(patient: FhirPatient, context: PersonEventContext): string | undefined {
  const link = patient.link?.find((l) => l.type === "replaces");
  if (!link) return undefined;
  const other = context.index.resolve(link.other, "Patient", context.self);
  if (other) {
    const keys = patientKeys(identifiersOf(other.resource), context);
    if (keys.ok) return keys.value.mrn;
  }
  return link.other.identifier?.value?.trim() || undefined;
}
