import { describe, expect, it } from "vitest";
import { bundle, encounter, entry, NHS_SYSTEM, NOW, PAS_SYSTEM, patient } from "./fhir-builders.test-kit";
import { type FhirRequestOptions, mapFhirRequest } from "./map-bundle";
import { allIssues, applicableEvents, type FhirRequestMapping } from "./request-result";

const options: FhirRequestOptions = { now: NOW, defaultFacilityCode: "RXX01", mrnSystems: [PAS_SYSTEM] };
const map = (body: unknown, extra: Partial<FhirRequestOptions> = {}) =>
  mapFhirRequest(body, { ...options, ...extra });
const badNhs = patient({ id: "p2", identifier: [{ system: NHS_SYSTEM, value: "9990000019" }] });
const refusals = (mapping: FhirRequestMapping) =>
  [...mapping.issues, ...mapping.entries.flatMap((e) => (e.result.ok ? [] : e.result.outcome))]
    .filter((issue) => issue.severity === "error")
    .map((issue) => [issue.code, issue.expression?.[0]]);

describe("mapFhirRequest: transactions and batches", () => {
  it("maps a transaction, folding the subject Patient into the Encounter's event", () => {
    const mapping = map(
      bundle("transaction", [entry(patient(), "urn:uuid:p1", "POST"), entry(encounter(), "urn:uuid:e1")]),
    );
    expect(mapping).toMatchObject({ kind: "transaction", controlId: "b-transaction", ok: true, issues: [] });
    expect(mapping.entries.map((e) => [e.index, e.method, e.result.ok && e.result.events.length])).toEqual([
      [0, "POST", 0],
      [1, "PUT", 1],
    ]);
    expect(applicableEvents(mapping).map((e) => [e.kind, e.patient.mrn, e.visit?.visitNumber])).toEqual([
      ["admit", "MRN001", "V100"],
    ]);
  });

  it("fails a whole transaction when one entry fails, and reports that entry's element", () => {
    const mapping = map(
      bundle("transaction", [
        entry(patient(), "urn:uuid:p1"),
        entry(encounter(), "urn:uuid:e1"),
        entry(badNhs, "urn:uuid:p2"),
      ]),
    );
    expect(mapping.ok).toBe(false);
    expect(applicableEvents(mapping)).toEqual([]);
    expect(mapping.entries.every((e) => !e.result.ok)).toBe(true);
    expect(refusals(mapping)).toEqual([["value", "Bundle.entry[2].resource.identifier[0].value"]]);
    expect(JSON.stringify(allIssues(mapping))).not.toMatch(/9990000019|Testpatient/);
  });

  it("applies a batch entry by entry", () => {
    const mapping = map(
      bundle("batch", [entry(patient(), "urn:uuid:p1", "POST"), entry(badNhs, "urn:uuid:p2")]),
    );
    expect(mapping.ok).toBe(true);
    expect(mapping.entries.map((e) => e.result.ok)).toEqual([true, false]);
    expect(applicableEvents(mapping).map((e) => [e.kind, e.trigger, e.facilityCode])).toEqual([
      ["person-update", "A31", "RXX01"],
    ]);
    expect(refusals(mapping)).toEqual([["value", "Bundle.entry[1].resource.identifier[0].value"]]);
  });

  it("still updates the Patient of a refused Encounter in a batch", () => {
    const mapping = map(
      bundle("batch", [entry(patient(), "urn:uuid:p1"), entry(encounter({ identifier: [] }), "urn:uuid:e1")]),
    );
    expect(mapping.entries.map((e) => e.result.ok)).toEqual([true, false]);
    expect(applicableEvents(mapping).map((e) => [e.kind, e.patient.mrn])).toEqual([
      ["person-update", "MRN001"],
    ]);
  });

  it("resolves conditional, logical and fullUrl references to the subject", () => {
    const pat = { ...patient(), id: undefined };
    for (const subject of [
      { reference: `Patient?identifier=${encodeURIComponent(PAS_SYSTEM)}|MRN001` },
      { reference: "Patient?identifier=MRN001" },
      { identifier: { system: NHS_SYSTEM, value: "9990000018" } },
      { reference: "urn:uuid:p1" },
    ]) {
      const mapping = map(
        bundle("transaction", [entry(pat, "urn:uuid:p1"), entry(encounter({ subject }), "urn:uuid:e1")]),
      );
      expect(applicableEvents(mapping)[0]?.patient.mrn, JSON.stringify(subject)).toBe("MRN001");
    }
  });

  it("adds allergies and alerts from AllergyIntolerance and Flag entries to their patient", () => {
    const allergy = {
      resourceType: "AllergyIntolerance",
      patient: { reference: "urn:uuid:p1" },
      code: { text: "Penicillin" },
      criticality: "high",
      reaction: [{ severity: "moderate" }, { severity: "severe" }],
    };
    const refuted = {
      ...allergy,
      code: { text: "Latex" },
      verificationStatus: { coding: [{ code: "refuted" }] },
    };
    const flag = {
      resourceType: "Flag",
      status: "active",
      code: { text: "Falls risk" },
      subject: { reference: "Patient/p1" },
    };
    const elsewhere = { ...allergy, patient: { reference: "Patient/absent" } };
    const mapping = map(
      bundle("batch", [
        entry(patient(), "urn:uuid:p1"),
        entry(encounter(), "urn:uuid:e1"),
        entry(allergy, "urn:uuid:a1", "POST"),
        entry(refuted, "urn:uuid:a2", "POST"),
        entry(flag, "urn:uuid:f1", "POST"),
        entry(elsewhere, "urn:uuid:a3", "POST"),
      ]),
    );
    expect(applicableEvents(mapping)[0]?.patient.demographics).toMatchObject({
      allergies: [{ text: "Penicillin", severity: "severe" }],
      alerts: ["Falls risk"],
    });
    const last = mapping.entries[5]?.result;
    expect(last?.ok && last.issues.map((i) => [i.severity, i.expression?.[0]])).toEqual([
      ["warning", "Bundle.entry[5].resource.patient"],
    ]);
  });

  it("records a no-known-allergy AllergyIntolerance as none known, and only when no allergy came with it", () => {
    const noneKnown = {
      resourceType: "AllergyIntolerance",
      patient: { reference: "urn:uuid:p1" },
      code: {
        coding: [{ system: "http://snomed.info/sct", code: "716186003", display: "No known allergy" }],
      },
    };
    const alone = map(
      bundle("batch", [entry(patient(), "urn:uuid:p1"), entry(noneKnown, "urn:uuid:a1", "POST")]),
    );
    const demographics = applicableEvents(alone)[0]?.patient.demographics;
    expect(demographics?.allergyStatus).toBe("none-known");
    expect(demographics).not.toHaveProperty("allergies");
    const refuted = {
      ...noneKnown,
      code: { text: "Penicillin" },
      verificationStatus: { coding: [{ code: "refuted" }] },
    };
    const refutedOnly = map(
      bundle("batch", [entry(patient(), "urn:uuid:p1"), entry(refuted, "urn:uuid:a1", "POST")]),
    );
    expect(applicableEvents(refutedOnly)[0]?.patient.demographics.allergyStatus).toBe("none-known");
    const withAllergy = map(
      bundle("batch", [
        entry(patient(), "urn:uuid:p1"),
        entry(noneKnown, "urn:uuid:a1", "POST"),
        entry({ ...noneKnown, code: { text: "Latex" } }, "urn:uuid:a2", "POST"),
      ]),
    );
    expect(applicableEvents(withAllergy)[0]?.patient.demographics).toMatchObject({
      allergies: [{ text: "Latex" }],
    });
    expect(applicableEvents(withAllergy)[0]?.patient.demographics.allergyStatus).toBeUndefined();
    // No AllergyIntolerance at all: not sent.
    const nothing = map(bundle("batch", [entry(patient(), "urn:uuid:p1")]));
    expect(applicableEvents(nothing)[0]?.patient.demographics).not.toHaveProperty("allergyStatus");
  });

  it("ignores resource types the census does not use, with an informational issue naming the type", () => {
    const observation = { resourceType: "Observation", status: "final" };
    const mixed = map(
      bundle("batch", [entry(patient(), "urn:uuid:p1"), entry(observation, "urn:uuid:o1", "POST")]),
    );
    expect(mixed.ok).toBe(true);
    const ignored = mixed.entries[1]?.result;
    expect(ignored?.ok && ignored.issues).toEqual([
      {
        severity: "information",
        code: "informational",
        diagnostics: "Ignored: Observation is not used by the census; nothing was stored",
        expression: ["Bundle.entry[1].resource"],
      },
    ]);
    expect(applicableEvents(mixed).map((e) => e.kind)).toEqual(["person-update"]);
  });

  it("accepts a request of ignored types only, applying nothing, but refuses an empty Bundle", () => {
    const observation = { resourceType: "Observation", status: "final" };
    for (const type of ["transaction", "batch"]) {
      const only = map(bundle(type, [entry(observation, "urn:uuid:o1", "POST")]));
      expect(only.ok, type).toBe(true);
      expect(applicableEvents(only)).toEqual([]);
      expect(refusals(only)).toEqual([]);
      expect(only.issues.map((i) => [i.severity, i.code])).toEqual([["information", "informational"]]);
    }
    expect(map(observation).ok).toBe(true);
    expect(refusals(map(bundle("transaction", [])))).toEqual([["required", "Bundle.entry"]]);
  });

  it("never echoes a resourceType that is not a type name", () => {
    const odd = map(bundle("batch", [entry({ resourceType: "Testpatient, Alex" }, "urn:uuid:x")]));
    const result = odd.entries[0]?.result;
    expect(result?.ok && result.issues.map((i) => [i.diagnostics, i.expression?.[0]])).toEqual([
      [
        "Ignored: this resource type is not used by the census; nothing was stored",
        "Bundle.entry[0].resource",
      ],
    ]);
  });

  it("refuses GET, DELETE and PATCH entries: the census only takes snapshots", () => {
    const mapping = map(
      bundle("batch", [
        { request: { method: "DELETE", url: "Patient/1" } },
        entry(patient(), "urn:uuid:p1", "PATCH"),
      ]),
    );
    expect(refusals(mapping)).toEqual([
      ["not-supported", "Bundle.entry[0].request.method"],
      ["not-supported", "Bundle.entry[1].request.method"],
    ]);
  });
});

describe("mapFhirRequest: single resources and refusals", () => {
  it("maps a Patient on its own to a person update under the client's default facility", () => {
    const mapping = map(patient({ meta: { versionId: "3", lastUpdated: "2026-02-28T08:00:00Z" } }));
    expect(mapping).toMatchObject({ kind: "single", controlId: "Patient/p1/_history/3", ok: true });
    expect(applicableEvents(mapping)[0]).toMatchObject({
      kind: "person-update",
      eventAt: new Date("2026-02-28T08:00:00Z"),
    });
    expect(refusals(map(patient(), { defaultFacilityCode: undefined }))).toEqual([["required", "Patient"]]);
  });

  it("maps a standalone Encounter with a contained Patient, reporting the contained Patient's errors", () => {
    const contained = encounter({ contained: [patient({ id: "pat" })], subject: { reference: "#pat" } });
    expect(applicableEvents(map(contained))[0]?.patient.mrn).toBe("MRN001");
    const containedBad = encounter({ contained: [{ ...badNhs, id: "pat" }], subject: { reference: "#pat" } });
    expect(refusals(map(containedBad))).toEqual([
      ["value", "Encounter.subject.resolve().identifier[0].value"],
    ]);
  });

  it("refuses bodies that are not FHIR with issue type structure, and Bundle types it cannot apply", () => {
    for (const body of [{}, [], "MSH|^~\\&|", null, { resourceType: 7 }]) {
      const mapping = map(body);
      expect(mapping.ok).toBe(false);
      expect(mapping.issues[0]?.code, JSON.stringify(body)).toBe("structure");
      expect(mapping.controlId).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(refusals(map(bundle("collection", [entry(patient(), "urn:uuid:p1")])))).toEqual([
      ["not-supported", "Bundle.type"],
    ]);
  });

  it("uses Bundle.timestamp, not the time of receipt, when nothing else dates an event", () => {
    const body = bundle("batch", [entry(patient(), "urn:uuid:p1")], {
      timestamp: "2026-02-28T07:00:00+00:00",
    });
    expect(applicableEvents(map(body))[0]?.eventAt).toEqual(new Date("2026-02-28T07:00:00Z"));
  });
});
