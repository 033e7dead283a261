import type { AdtEvent, AdtEventKind, PatientRecord } from "@/lib/adt/events";
import { parseFhirDateTime } from "./fhir-datetime";
import { error, type MapResult, type OutcomeIssue, resultOf } from "./operation-outcome";
import { identifierMrn, type PatientIdentifierOptions, patientKeys } from "./patient-identifiers";
import { type IndexedResource, identifiersOf, type ResourceIndex } from "./references";
import type { FhirPatient } from "./validate";

/**
 * An event about a person only (no visit): a Patient that arrives without an Encounter is a person
 * update (A31), or the person event a message names (A28 add, A40 merge).
 *   facilityCode  the API client's default facility. Patient.managingOrganization is not used: in UK
 *                 Core and PDS it is the registered GP practice, not the hospital site.
 *   eventAt       Patient.meta.lastUpdated, else the fallback time (Bundle.timestamp, else `now`).
 *   mergedFrom    for a merge, the Patient.link of type "replaces" (R4 link-type): the MRN of the
 *                 Patient it points at in the request, else the MRN its identifier names
 *                 (patient-mrn.ts: the same value in another system is another patient).
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
  const replaced = context.kind === "merge" ? replacedMrn(patient, context) : undefined;
  if (replaced && !replaced.ok) issues.push(...replaced.issues);
  const mergedFrom = replaced?.ok ? replaced.value : undefined;
  if (context.kind === "merge" && !replaced) {
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
        ...(typeof patient.id === "string" && patient.id ? { patientResourceId: patient.id } : {}),
      }
    : undefined;
  return resultOf(event, issues);
}

function replacedMrn(patient: FhirPatient, context: PersonEventContext): MapResult<string> | undefined {
  const index = patient.link?.findIndex((l) => l.type === "replaces") ?? -1;
  const link = patient.link?.[index];
  if (!link) return undefined;
  const other = context.index.resolve(link.other, "Patient", context.self);
  if (other) {
    const keys = patientKeys(identifiersOf(other.resource), context);
    if (keys.ok) return resultOf(keys.value.mrn, []);
  }
  const identifier = link.other.identifier;
  if (!identifier?.value?.trim()) return undefined;
  const path = `Patient.link[${index}].other.identifier`;
  return identifierMrn({ system: identifier.system, value: identifier.value }, context, path);
}
