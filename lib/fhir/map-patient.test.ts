import { describe, expect, it } from "vitest";
import { NHS_SYSTEM, PAS_SYSTEM, patient, TEST_NHS_NUMBER } from "./fhir-builders.test-kit";
import { mapPatient, type PatientMapOptions } from "./map-patient";
import { patientSchema, validate } from "./validate";

const MR_TYPE = { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] };

function map(json: Record<string, unknown>, options: PatientMapOptions = {}) {
  const parsed = validate(patientSchema, json, "Patient");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return mapPatient(parsed.value, options);
}

function record(json: Record<string, unknown>, options: PatientMapOptions = {}) {
  const result = map(json, options);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe("mapPatient identifiers", () => {
  const ids = [
    { system: "urn:oid:1.2.3", value: "OTHER1" },
    { type: MR_TYPE, system: "urn:oid:9.9.9", value: "TYPED-MR" },
    { system: PAS_SYSTEM, value: "OURS" },
    { system: NHS_SYSTEM, value: "999 000 0018" },
  ];

  it("prefers the source's MRN authorities, then the MR type, then the first other identifier", () => {
    expect(record(patient({ identifier: ids }), { mrnSystems: [PAS_SYSTEM] }).mrn).toBe("OURS");
    expect(record(patient({ identifier: ids })).mrn).toBe("urn:oid:9.9.9|TYPED-MR");
    expect(record(patient({ identifier: [ids[0], ids[3]] })).mrn).toBe("urn:oid:1.2.3|OTHER1");
  });

  it("takes the authorities in their order of preference, whatever the identifiers' order", () => {
    const options = { mrnSystems: ["urn:oid:9.9.9", PAS_SYSTEM] };
    expect(record(patient({ identifier: ids }), options).mrn).toBe("TYPED-MR");
  });

  it("normalises and keeps a valid NHS number, and keys on it (qualified) when nothing else is sent", () => {
    const only = record(patient({ identifier: [ids[3]] }));
    expect(only).toMatchObject({ mrn: `${NHS_SYSTEM}|${TEST_NHS_NUMBER}`, nhsNumber: TEST_NHS_NUMBER });
  });

  it("ignores identifiers marked old", () => {
    const result = record(patient({ identifier: [{ use: "old", value: "GONE" }, { value: "NEW" }] }));
    expect(result.mrn).toBe("|NEW");
  });

  it("refuses an invalid NHS number at its element, without echoing it or the name", () => {
    const result = map(
      patient({ identifier: [{ value: "MRN9" }, { system: NHS_SYSTEM, value: "9990000019" }] }),
    );
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      {
        severity: "error",
        code: "value",
        diagnostics: expect.any(String),
        expression: ["Patient.identifier[1].value"],
      },
    ]);
    const text = JSON.stringify(result.issues);
    expect(text).not.toContain("9990000019");
    expect(text).not.toContain("Testpatient");
  });

  it("refuses a patient with no identifier at all", () => {
    const result = map(patient({ identifier: [] }));
    expect(result.issues.map((i) => [i.code, i.expression])).toEqual([["required", ["Patient.identifier"]]]);
  });
});

describe("mapPatient demographics", () => {
  it("takes the official name: family, given names and prefix as title", () => {
    const names = [
      { use: "usual", given: ["Al"] },
      { use: "official", family: "Testpatient", given: ["Alex", "Sam"], prefix: ["Dr"] },
    ];
    expect(record(patient({ name: names })).demographics).toMatchObject({
      familyName: "Testpatient",
      givenNames: "Alex Sam",
      title: "Dr",
      birthDate: "1950-06-30",
      sex: "unknown",
    });
  });

  it("refuses a patient without a family name (or name text) at Patient.name", () => {
    const result = map(patient({ name: [{ given: ["Alex"] }] }));
    expect(result.issues.map((i) => i.expression)).toEqual([["Patient.name"]]);
    expect(record(patient({ name: [{ text: "Alex Testpatient" }] })).demographics.familyName).toBe(
      "Alex Testpatient",
    );
  });

  it("refuses wrong codes and formats on elements it reads, naming them", () => {
    const parsed = validate(patientSchema, patient({ gender: "M", birthDate: "30/06/1950" }), "Patient");
    expect(parsed.ok).toBe(false);
    expect(parsed.issues.map((i) => [i.code, i.expression?.[0]])).toEqual([
      ["code-invalid", "Patient.gender"],
      ["value", "Patient.birthDate"],
    ]);
  });

  it("reads religion, the UK Core language extension, code-only relationships; skips organisation contacts", () => {
    const demographics = record(
      patient({
        extension: [
          {
            url: "http://hl7.org/fhir/StructureDefinition/patient-religion",
            valueCodeableConcept: { coding: [{ code: "1020", display: "Church of England" }] },
          },
          {
            url: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication",
            extension: [
              { url: "language", valueCodeableConcept: { coding: [{ code: "cy", display: "Welsh" }] } },
            ],
          },
          { url: "http://example.org/odd", valueString: 42 },
        ],
        contact: [
          { relationship: [{ coding: [{ code: "E" }] }], organization: { display: "Employer Ltd" } },
          { relationship: [{ coding: [{ code: "N" }] }], name: { given: ["Jo"], family: "Kin" } },
        ],
        telecom: [
          { system: "email", value: "x@example.org" },
          { system: "phone", value: "01632 960001", rank: 2 },
          { system: "phone", value: "01632 960002", rank: 1 },
        ],
        address: [
          { use: "work", line: ["Office"] },
          { use: "home", line: ["1 Test Street"], postalCode: "LS1 1AA" },
        ],
        generalPractitioner: [{ display: "Test Surgery" }],
      }),
    ).demographics;
    expect(demographics).toMatchObject({
      religion: "Church of England",
      language: "Welsh",
      nextOfKin: [{ name: "Jo Kin", relationship: "Next of kin" }],
      phone: "01632 960002",
      address: "1 Test Street, LS1 1AA",
      gp: "Test Surgery",
    });
  });

  it("adds allergies and alerts found for the patient, and says nothing when none were sent", () => {
    const extras = { allergies: [{ text: "Penicillin", severity: "severe" }], alerts: ["Falls risk"] };
    expect(record(patient(), { extras }).demographics).toMatchObject(extras);
    const without = record(patient()).demographics;
    expect("allergies" in without || "alerts" in without).toBe(false);
  });
});
