import { describe, expect, it } from "vitest";
import {
  bundle,
  entry,
  NHS_SYSTEM,
  NOW,
  PAS_SYSTEM,
  patient,
  TEST_NHS_NUMBER,
} from "./fhir-builders.test-kit";
import { mapFhirRequest } from "./map-bundle";
import { V2_TRIGGER_SYSTEM } from "./message-event";
import { mrnOf } from "./patient-mrn";
import { applicableEvents } from "./request-result";

const OTHER_TRUST = "https://pas.other-trust.nhs.uk/Id/mrn";
const configured = { mrnSystems: [PAS_SYSTEM] };

describe("mrnOf: an identifier's (system, value) as the census MRN", () => {
  it("gives the same value in different systems different MRNs", () => {
    const mrns = [
      mrnOf(PAS_SYSTEM, "123", {}),
      mrnOf(OTHER_TRUST, "123", {}),
      mrnOf(undefined, "123", {}),
      mrnOf(NHS_SYSTEM, "123", {}),
    ];
    expect(new Set(mrns).size).toBe(4);
    expect(mrnOf(PAS_SYSTEM, "123", configured)).not.toBe(mrnOf(OTHER_TRUST, "123", configured));
    expect(mrnOf(PAS_SYSTEM, "123", configured)).not.toBe(mrnOf(undefined, "123", configured));
  });

  it("gives the same system and value the same MRN every time", () => {
    expect(mrnOf(OTHER_TRUST, " 123 ", {})).toBe(mrnOf(OTHER_TRUST, "123", {}));
    expect(mrnOf(` ${OTHER_TRUST}`, "123", configured)).toBe(`${OTHER_TRUST}|123`);
    expect(mrnOf("", "123", {})).toBe(mrnOf(undefined, "123", {}));
    // Both NHS number system URIs name one numbering.
    expect(mrnOf("http://fhir.nhs.net/Id/nhs-number", TEST_NHS_NUMBER, {})).toBe(
      `${NHS_SYSTEM}|${TEST_NHS_NUMBER}`,
    );
  });

  it("keeps the bare value, as HL7 v2 files it, only for the source's MRN authorities", () => {
    expect(mrnOf(PAS_SYSTEM, "MRN001", configured)).toBe("MRN001");
    expect(mrnOf(PAS_SYSTEM, "MRN001", {})).toBe(`${PAS_SYSTEM}|MRN001`);
    // An OID authority, as CX-4.2 carries it, matches the FHIR urn:oid: form of the same OID.
    const oid = { mrnSystems: ["2.16.840.1.113883.2.1.3.2.4.18.24"] };
    expect(mrnOf("urn:oid:2.16.840.1.113883.2.1.3.2.4.18.24", "123", oid)).toBe("123");
    expect(mrnOf("urn:oid:2.16.840.1.113883.2.1.3.2.4.18.25", "123", oid)).toBe(
      "urn:oid:2.16.840.1.113883.2.1.3.2.4.18.25|123",
    );
    // The NHS number is never bare: it would share the bare form with PAS numbers.
    expect(mrnOf(NHS_SYSTEM, TEST_NHS_NUMBER, { mrnSystems: [NHS_SYSTEM] })).toBe(
      `${NHS_SYSTEM}|${TEST_NHS_NUMBER}`,
    );
  });

  it("cannot be made to collide by a '|' in a value or a system", () => {
    const pairs: [string | undefined, string][] = [
      [PAS_SYSTEM, "a|b"],
      [PAS_SYSTEM, "a"],
      ["a", "b"],
      ["a|b", "c"],
      ["a", "b|c"],
      [undefined, "a|b"],
      ["", "b"],
    ];
    const mrns = pairs.map(([system, value]) => mrnOf(system, value, configured));
    expect(new Set(mrns).size).toBe(pairs.length);
    expect(mrnOf(PAS_SYSTEM, "a|b", configured)).toBe(`${PAS_SYSTEM}|a|b`);
    expect(mrnOf("a|b", "c", configured)).toBe("a%7Cb|c");
  });
});

describe("FHIR Patients with the same identifier value", () => {
  const named = (id: string, system: string | undefined, family: string) =>
    patient({
      id,
      identifier: [{ ...(system ? { system } : {}), value: "123456" }],
      name: [{ family }],
    });
  const mrnsOf = (options: { mrnSystems?: string[] }) =>
    applicableEvents(
      mapFhirRequest(
        bundle("batch", [
          entry(named("a", PAS_SYSTEM, "Alpha"), "urn:uuid:a"),
          entry(named("b", OTHER_TRUST, "Bravo"), "urn:uuid:b"),
          entry(named("c", undefined, "Charlie"), "urn:uuid:c"),
        ]),
        { now: NOW, defaultFacilityCode: "RXX01", ...options },
      ),
    ).map((event) => [event.patient.demographics.familyName, event.patient.mrn]);

  it("are three patients when their systems differ, configured or not", () => {
    expect(mrnsOf({})).toEqual([
      ["Alpha", `${PAS_SYSTEM}|123456`],
      ["Bravo", `${OTHER_TRUST}|123456`],
      ["Charlie", "|123456"],
    ]);
    expect(mrnsOf(configured)).toEqual([
      ["Alpha", "123456"],
      ["Bravo", `${OTHER_TRUST}|123456`],
      ["Charlie", "|123456"],
    ]);
  });

  it("names the old patient of a merge by the same rule", () => {
    const survivor = patient({
      link: [{ type: "replaces", other: { identifier: { system: OTHER_TRUST, value: "MRN-OLD" } } }],
    });
    const header = {
      resourceType: "MessageHeader",
      eventCoding: { system: V2_TRIGGER_SYSTEM, code: "A40" },
      source: { endpoint: "https://pas.example-trust.nhs.uk/fhir" },
      focus: [{ reference: "urn:uuid:p1" }],
    };
    const merge = mapFhirRequest(
      bundle("message", [
        { fullUrl: "urn:uuid:mh", resource: header },
        { fullUrl: "urn:uuid:p1", resource: survivor },
      ]),
      { now: NOW, defaultFacilityCode: "RXX01", ...configured },
    );
    expect(applicableEvents(merge).map((e) => [e.kind, e.patient.mrn, e.mergedFrom?.mrn])).toEqual([
      ["merge", "MRN001", `${OTHER_TRUST}|MRN-OLD`],
    ]);
  });
});
