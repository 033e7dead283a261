import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { encounterKind, patientClassOf } from "./encounter-kind";
import { mapFhirRequest } from "./map-bundle";
import { applicableEvents } from "./request-result";
import { encounterSchema, validate } from "./validate";

/**
 * The values the mapped corpus files give (test/fixtures/fhir, see SOURCES.md), and the refused spec
 * Encounters mapped once they travel with a Patient from the same corpus, as a sender would send them.
 * No MRN authorities are configured here, so every MRN is qualified by its system (patient-mrn.ts).
 */
const NHS = "https://fhir.nhs.uk/Id/nhs-number|";

const root = new URL("../../test/fixtures/fhir/", import.meta.url);
const read = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, root), "utf8"));
const options = { now: new Date("2026-03-01T12:00:00Z"), defaultFacilityCode: "RXX01" };
const map = (body: unknown) => mapFhirRequest(body, options);

describe("FHIR corpus values", () => {
  it("maps the NHS PDS sandbox Patient with its NHS number, name and UK details", () => {
    const mapping = map(read("nhs-pds/Patient.json"));
    expect(mapping.controlId).toBe("Patient/9000000009/_history/2");
    expect(applicableEvents(mapping)).toEqual([
      {
        kind: "person-update",
        trigger: "A31",
        facilityCode: "RXX01",
        eventAt: options.now,
        patient: {
          mrn: `${NHS}9000000009`,
          nhsNumber: "9000000009",
          demographics: {
            familyName: "Smith",
            givenNames: "Jane",
            title: "Mrs",
            birthDate: "2010-10-22",
            sex: "female",
            address: "1 Trevelyan Square, Boar Lane, City Centre, Leeds, West Yorkshire, LS1 6AE",
            phone: "01632960587",
            gp: "Y12345",
            language: "French",
          },
        },
        patientResourceId: "9000000009",
      },
    ]);
    // The restricted (meta.security R) record has no address or GP to map.
    const sensitive = applicableEvents(map(read("nhs-pds/Sensitive_Patient.json")))[0]?.patient;
    expect(sensitive).toEqual({
      mrn: `${NHS}9000000025`,
      nhsNumber: "9000000025",
      demographics: {
        familyName: "Smythe",
        givenNames: "Janet",
        title: "Mrs",
        birthDate: "2010-10-22",
        sex: "female",
      },
    });
  });

  it("maps the HL7 example Patients: an MR-typed MRN, and a Dutch BSN as the only identifier", () => {
    const example = applicableEvents(map(read("hl7-r4-examples/Patient-example.json")))[0]?.patient;
    expect(example).toMatchObject({
      mrn: "urn:oid:1.2.36.146.595.217.0.1|12345",
      demographics: {
        familyName: "Chalmers",
        givenNames: "Peter James",
        birthDate: "1974-12-25",
        sex: "male",
        phone: "(03) 5555 6473",
        nextOfKin: [{ name: "Bénédicte du Marché", relationship: "Next of kin", phone: "+33 (237) 998327" }],
      },
    });
    expect(example?.nhsNumber).toBeUndefined();
    const f201 = applicableEvents(map(read("hl7-r4-examples/Patient-f201.json")))[0]?.patient;
    expect(f201).toMatchObject({
      mrn: "urn:oid:2.16.840.1.113883.2.4.6.3|123456789",
      demographics: { familyName: "Bor", givenNames: "Roelof Olaf", title: "Drs.", language: "Dutch" },
    });
  });

  it("maps the patient-link message's focus Patients by content, timed by Bundle.timestamp", () => {
    const mapping = map(read("hl7-r4-examples/Bundle-10bb101f-a121-4264-a920-67be9cb82c74.json"));
    expect(mapping.controlId).toBe("10bb101f-a121-4264-a920-67be9cb82c74");
    expect(
      applicableEvents(mapping).map((e) => [e.kind, e.patient.mrn, e.patient.demographics, e.eventAt]),
    ).toEqual([
      [
        "person-update",
        "urn:oid:0.1.2.3.4.5.6.7|654321",
        { familyName: "Donald", givenNames: "Duck", sex: "male" },
        new Date("2015-07-14T01:15:33Z"),
      ],
      [
        "person-update",
        "urn:oid:0.1.2.3.4.5.6.7|123456",
        { familyName: "Donald", givenNames: "Duck D", sex: "other" },
        new Date("2015-07-14T01:15:33Z"),
      ],
    ]);
    const header = mapping.entries[0]?.result;
    expect(header?.ok && header.issues.map((i) => i.expression?.[0])).toEqual([
      "Bundle.entry[0].resource.event",
    ]);
  });

  it("reads Encounter-example's status and class even though the Encounter itself is refused", () => {
    const parsed = validate(encounterSchema, read("hl7-r4-examples/Encounter-example.json"), "Encounter");
    if (!parsed.ok) throw new Error("Encounter-example should validate");
    expect([parsed.value.status, parsed.value.class?.code, patientClassOf(parsed.value.class)]).toEqual([
      "in-progress",
      "IMP",
      "I",
    ]);
    expect(encounterKind(parsed.value)).toEqual({ ok: true, value: "admit", issues: [] });
  });

  it("maps Encounter-emerg once it has a visit number and travels with Patient-example", () => {
    const emerg = { ...read("hl7-r4-examples/Encounter-emerg.json"), identifier: [{ value: "ED-1" }] };
    const body = {
      resourceType: "Bundle",
      type: "transaction",
      entry: [
        {
          fullUrl: "urn:uuid:p",
          resource: read("hl7-r4-examples/Patient-example.json"),
          request: { method: "PUT", url: "Patient/example" },
        },
        { fullUrl: "urn:uuid:e", resource: emerg, request: { method: "PUT", url: "Encounter/emerg" } },
      ],
    };
    const [event] = applicableEvents(map(body));
    expect(event).toMatchObject({
      kind: "admit",
      // The open in-progress statusHistory entry: back from leave at 12:45 (+10:00).
      eventAt: new Date("2017-02-01T02:45:00Z"),
      patient: { mrn: "urn:oid:1.2.36.146.595.217.0.1|12345" },
      visit: {
        visitNumber: "ED-1",
        patientClass: "I",
        location: { ward: "Ward 1, Room 42, Bed 1" },
        admittedAt: new Date("2017-01-31T21:15:00Z"),
      },
    });
  });

  it("maps Encounter-f203 as a discharge once it travels with Patient-f201", () => {
    const body = {
      resourceType: "Bundle",
      type: "batch",
      entry: [
        {
          resource: read("hl7-r4-examples/Patient-f201.json"),
          request: { method: "PUT", url: "Patient/f201" },
        },
        {
          resource: read("hl7-r4-examples/Encounter-f203.json"),
          request: { method: "PUT", url: "Encounter/f203" },
        },
      ],
    };
    expect(applicableEvents(map(body))).toMatchObject([
      {
        kind: "discharge",
        trigger: "A03",
        eventAt: new Date("2013-03-20T00:00:00Z"),
        patient: { mrn: "urn:oid:2.16.840.1.113883.2.4.6.3|123456789", demographics: { familyName: "Bor" } },
        visit: {
          visitNumber: "Encounter_Roel_20130311",
          patientClass: "I",
          admittedAt: new Date("2013-03-11T00:00:00Z"),
          dischargedAt: new Date("2013-03-20T00:00:00Z"),
        },
      },
    ]);
  });
});
