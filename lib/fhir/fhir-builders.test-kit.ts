import type { AdtEvent } from "@/lib/adt/events";
import { mapFhirRequest } from "./map-bundle";
import type { OutcomeIssue } from "./operation-outcome";

/**
 * Synthetic FHIR resources for the lib/fhir tests (imported only by *.test.ts). Names are invented and
 * NHS numbers come from the 999 range NHS England sets aside for testing, so no real person appears.
 */

type Json = Record<string, unknown>;

export const NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
export const PAS_SYSTEM = "https://pas.example-trust.nhs.uk/Id/mrn";
export const TEST_NHS_NUMBER = "9990000018";
export const NOW = new Date("2026-03-01T12:00:00Z");

export function patient(overrides: Json = {}): Json {
  return {
    resourceType: "Patient",
    id: "p1",
    identifier: [
      { system: NHS_SYSTEM, value: TEST_NHS_NUMBER },
      { system: PAS_SYSTEM, value: "MRN001" },
    ],
    name: [{ use: "official", family: "Testpatient", given: ["Alex", "Sam"], prefix: ["Mx"] }],
    gender: "unknown",
    birthDate: "1950-06-30",
    ...overrides,
  };
}

export function encounter(overrides: Json = {}): Json {
  return {
    resourceType: "Encounter",
    id: "e1",
    identifier: [{ use: "official", system: "https://pas.example-trust.nhs.uk/Id/visit", value: "V100" }],
    status: "in-progress",
    class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "IMP" },
    subject: { reference: "Patient/p1" },
    period: { start: "2026-02-27T09:30:00Z" },
    location: [{ location: { display: "OAK" }, status: "active" }],
    serviceProvider: {
      identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: "RXX01" },
    },
    ...overrides,
  };
}

export function entry(resource: Json, fullUrl: string, method = "PUT"): Json {
  return { fullUrl, resource, request: { method, url: String(resource.resourceType) } };
}

export function bundle(type: string, entries: Json[], overrides: Json = {}): Json {
  return { resourceType: "Bundle", id: `b-${type}`, type, entry: entries, ...overrides };
}

export function messageHeader(code: string, system: string | undefined, focus: string[]): Json {
  return {
    resourceType: "MessageHeader",
    id: "mh1",
    eventCoding: system ? { system, code } : { code },
    source: { endpoint: "https://pas.example-trust.nhs.uk/fhir" },
    focus: focus.map((reference) => ({ reference })),
  };
}

export const V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
export const PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";

export function location(id: string, code: string, physicalType: string, partOf?: string): Json {
  return {
    resourceType: "Location",
    id,
    identifier: [{ system: "https://pas.example-trust.nhs.uk/Id/location", value: code }],
    physicalType: { coding: [{ system: PHYSICAL_TYPE, code: physicalType }] },
    ...(partOf ? { partOf: { reference: partOf } } : {}),
  };
}

/** Maps an Encounter sent in a transaction after its Patient (entry 0); the Encounter's event or issues. */
export function mapEncounterInBundle(
  enc: Json,
  extra: Json[] = [],
  options: { defaultFacilityCode?: string } = {},
) {
  const body = bundle("transaction", [
    entry(patient(), "urn:uuid:p1"),
    entry(enc, "urn:uuid:e1"),
    ...extra.map((resource, i) => entry(resource, `urn:uuid:x${i}`)),
  ]);
  const result = mapFhirRequest(body, { now: NOW, mrnSystems: [PAS_SYSTEM], ...options }).entries[1]!.result;
  return result.ok
    ? { event: result.events[0] as AdtEvent | undefined, issues: [] as OutcomeIssue[] }
    : { event: undefined, issues: result.outcome };
}

export function encounterEvent(
  enc: Json,
  extra: Json[] = [],
  options: { defaultFacilityCode?: string } = {},
): AdtEvent {
  const { event, issues } = mapEncounterInBundle(enc, extra, options);
  if (!event) throw new Error(JSON.stringify(issues));
  return event;
}
