import { describe, expect, it } from "vitest";
import type { PatientRecord } from "@/lib/adt/events";
import {
  bundle,
  encounter,
  entry,
  NHS_SYSTEM,
  NOW,
  PAS_SYSTEM,
  patient,
  TEST_NHS_NUMBER,
} from "./fhir-builders.test-kit";
import { type KnownPatientKey, knownPatientIdsOf, knownPatientsOf } from "./known-patients";
import { type FhirRequestOptions, mapFhirRequest } from "./map-bundle";
import {
  allIssues,
  applicableEvents,
  type FhirRequestMapping,
  unknownPatientIds,
  unknownPatients,
} from "./request-result";

/**
 * An Encounter sent without its Patient, naming a patient sent before by identifier
 * (encounter-subject.ts, map-encounter.ts): refused as not known until the census holds that
 * patient, then applied to it.
 */

const FACILITY = "RXX01";
const stored: PatientRecord = {
  mrn: "MRN001",
  nhsNumber: TEST_NHS_NUMBER,
  demographics: { familyName: "Testpatient", givenNames: "Alex", alerts: ["Falls risk"] },
};
const options: FhirRequestOptions = { now: NOW, defaultFacilityCode: FACILITY, mrnSystems: [PAS_SYSTEM] };
const map = (body: unknown, known: [KnownPatientKey, PatientRecord][] = []) =>
  mapFhirRequest(body, { ...options, knownPatients: knownPatientsOf(known) });
const errors = (mapping: FhirRequestMapping) =>
  allIssues(mapping)
    .filter((issue) => issue.severity === "error")
    .map((issue) => [issue.code, issue.expression?.[0]]);
const byIdentifier = (system: string | undefined, value: string, extra: Record<string, unknown> = {}) =>
  encounter({ subject: { identifier: { ...(system ? { system } : {}), value }, ...extra } });

describe("an Encounter naming a patient sent before by its Patient resource id", () => {
  const logical = encounter({ subject: { reference: "Patient/pas-1" } });

  it("names the id to look up while it is not known, and is answered as not known (422)", () => {
    const mapping = map(logical);
    expect(mapping.ok).toBe(false);
    expect(errors(mapping)).toEqual([["not-found", "Encounter.subject"]]);
    expect(unknownPatientIds(mapping)).toEqual([{ facilityCode: FACILITY, resourceId: "pas-1" }]);
    expect(unknownPatients(mapping)).toEqual([]);
  });

  it("is applied to the patient that id was last filed under, at the Encounter's facility", () => {
    const key = { facilityCode: FACILITY, mrn: "MRN001" };
    const mapping = mapFhirRequest(logical, {
      ...options,
      knownPatients: knownPatientsOf([[key, stored]]),
      knownPatientIds: knownPatientIdsOf([["pas-1", key]]),
    });
    expect(mapping.ok).toBe(true);
    expect(applicableEvents(mapping)).toMatchObject([
      { kind: "admit", patient: stored, visit: { visitNumber: "V100" }, patientResourceId: "pas-1" },
    ]);
  });
});

describe("an Encounter naming a patient sent before", () => {
  it("is refused as not known, naming what to look up, until that patient is known", () => {
    const mapping = map(byIdentifier(PAS_SYSTEM, "MRN001"));
    expect(mapping.ok).toBe(false);
    expect(errors(mapping)).toEqual([["not-found", "Encounter.subject"]]);
    expect(unknownPatients(mapping)).toEqual([{ facilityCode: FACILITY, mrn: "MRN001" }]);
  });

  it("is applied to the known patient, with the details the census holds", () => {
    const mapping = map(byIdentifier(PAS_SYSTEM, "MRN001"), [
      [{ facilityCode: FACILITY, mrn: "MRN001" }, stored],
    ]);
    expect(mapping.ok).toBe(true);
    expect(applicableEvents(mapping)).toMatchObject([
      { kind: "admit", facilityCode: FACILITY, patient: stored, visit: { visitNumber: "V100" } },
    ]);
  });

  it("looks the patient up by the identity rule: another system's same value is another patient", () => {
    const known: [KnownPatientKey, PatientRecord][] = [[{ facilityCode: FACILITY, mrn: "MRN001" }, stored]];
    const other = map(byIdentifier("https://pas.other-trust.nhs.uk/Id/mrn", "MRN001"), known);
    expect(other.ok).toBe(false);
    expect(unknownPatients(other)).toEqual([
      { facilityCode: FACILITY, mrn: "https://pas.other-trust.nhs.uk/Id/mrn|MRN001" },
    ]);
    expect(unknownPatients(map(byIdentifier(undefined, "MRN001"), known))).toEqual([
      { facilityCode: FACILITY, mrn: "|MRN001" },
    ]);
    // Known at another facility is not known here.
    const elsewhere = map(byIdentifier(PAS_SYSTEM, "MRN001"), [
      [{ facilityCode: "RXX02", mrn: "MRN001" }, stored],
    ]);
    expect(elsewhere.ok).toBe(false);
  });

  it("takes the identifier from subject.identifier, beside a reference, or from a conditional reference", () => {
    const known: [KnownPatientKey, PatientRecord][] = [[{ facilityCode: FACILITY, mrn: "MRN001" }, stored]];
    const subjects = [
      { reference: "Patient/pas-1", identifier: { system: PAS_SYSTEM, value: "MRN001" } },
      { reference: `Patient?identifier=${encodeURIComponent(PAS_SYSTEM)}|MRN001` },
    ];
    for (const subject of subjects) {
      const events = applicableEvents(map(encounter({ subject }), known));
      expect(
        events.map((e) => e.patient.mrn),
        JSON.stringify(subject),
      ).toEqual(["MRN001"]);
    }
  });

  it("finds a patient keyed on the NHS number by that number, and refuses an invalid one", () => {
    const nhsKey = `${NHS_SYSTEM}|${TEST_NHS_NUMBER}`;
    const mapping = map(byIdentifier(NHS_SYSTEM, "999 000 0018"));
    expect(unknownPatients(mapping)).toEqual([{ facilityCode: FACILITY, mrn: nhsKey }]);
    const invalid = map(byIdentifier(NHS_SYSTEM, "9990000019"));
    expect(errors(invalid)).toEqual([["value", "Encounter.subject.identifier.value"]]);
    expect(unknownPatients(invalid)).toEqual([]);
  });

  it("refuses with 400-type issues what no look-up could fix", () => {
    // A value alone could be a number of several systems.
    const noSystem = map(encounter({ subject: { reference: "Patient?identifier=MRN001" } }));
    expect(errors(noSystem)).toEqual([["required", "Encounter.subject.reference"]]);
    // A relative reference that is not a FHIR logical id names nothing a look-up could find.
    const notAnId = map(encounter({ subject: { reference: "Patient/pas 1" } }));
    expect(errors(notAnId)).toEqual([["not-found", "Encounter.subject"]]);
    expect(unknownPatients(notAnId)).toEqual([]);
    expect(unknownPatientIds(notAnId)).toEqual([]);
    // Not known, and no visit number either: fix the content first.
    const alsoBad = map(
      encounter({ identifier: [], subject: { identifier: { system: PAS_SYSTEM, value: "X" } } }),
    );
    expect(unknownPatients(alsoBad)).toEqual([]);
  });

  it("never guesses between two Patients of the request that fit a reference", () => {
    const a = patient({ id: "a", identifier: [{ system: PAS_SYSTEM, value: "123" }] });
    const b = patient({ id: "b", identifier: [{ system: "urn:oid:1.2.3", value: "123" }] });
    const twins = bundle("transaction", [
      entry(a, "urn:uuid:a"),
      entry(b, "urn:uuid:b"),
      entry(encounter({ subject: { identifier: { value: "123" } } }), "urn:uuid:e"),
    ]);
    expect(errors(map(twins))).toEqual([["processing", "Bundle.entry[2].resource.subject"]]);
    const allergy = {
      resourceType: "AllergyIntolerance",
      patient: { identifier: { value: "123" } },
      code: { text: "Penicillin" },
    };
    const batch = map(
      bundle("batch", [entry(a, "urn:uuid:a"), entry(b, "urn:uuid:b"), entry(allergy, "urn:uuid:x")]),
    );
    expect(applicableEvents(batch).map((e) => e.patient.demographics.allergies)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("in a batch, is refused on its own while the other entries apply", () => {
    const mapping = map(
      bundle("batch", [
        entry(byIdentifier(PAS_SYSTEM, "MRN404"), "urn:uuid:e1"),
        entry(patient(), "urn:uuid:p1"),
      ]),
    );
    expect(mapping.entries.map((e) => e.result.ok)).toEqual([false, true]);
    expect(applicableEvents(mapping).map((e) => e.kind)).toEqual(["person-update"]);
    expect(unknownPatients(mapping)).toEqual([{ facilityCode: FACILITY, mrn: "MRN404" }]);
  });
});
