import { describe, expect, it } from "vitest";
import {
  encounter,
  encounterEvent as eventOf,
  mapEncounterInBundle as mapWith,
  NOW,
  V3_ACT_CODE,
} from "./fhir-builders.test-kit";
import type { OutcomeIssue } from "./operation-outcome";

const expressions = (issues: OutcomeIssue[]) => issues.flatMap((issue) => issue.expression ?? []);

describe("mapEncounter: kinds from status and class", () => {
  it("maps an in-progress inpatient Encounter to an admission with its patient, ward and times", () => {
    const event = eventOf(encounter());
    expect(event).toMatchObject({
      kind: "admit",
      trigger: "A01",
      facilityCode: "RXX01",
      eventAt: new Date("2026-02-27T09:30:00Z"),
      patient: { mrn: "MRN001", nhsNumber: "9990000018", demographics: { familyName: "Testpatient" } },
      visit: {
        visitNumber: "V100",
        patientClass: "I",
        location: { ward: "OAK" },
        admittedAt: new Date("2026-02-27T09:30:00Z"),
      },
    });
  });

  it("registers ambulatory and emergency attendances with the v2 patient class", () => {
    const amb = eventOf(encounter({ status: "arrived", class: { system: V3_ACT_CODE, code: "AMB" } }));
    const emer = eventOf(encounter({ status: "triaged", class: { system: V3_ACT_CODE, code: "EMER" } }));
    expect([amb.kind, amb.visit?.patientClass, emer.kind, emer.visit?.patientClass]).toEqual([
      "register",
      "O",
      "register",
      "E",
    ]);
  });

  it("maps planned to pre-admit without treating the planned period as an admission", () => {
    const event = eventOf(encounter({ status: "planned", period: { start: "2026-03-10T08:00:00Z" } }));
    expect(event.kind).toBe("pre-admit");
    expect(event.visit?.admittedAt).toBeUndefined();
    expect(event.eventAt).toEqual(NOW);
  });

  it("maps onleave to leave-out, timed by the open statusHistory entry", () => {
    const statusHistory = [
      { status: "in-progress", period: { start: "2026-02-27T09:30:00Z", end: "2026-02-28T14:00:00Z" } },
      { status: "onleave", period: { start: "2026-02-28T14:00:00Z" } },
    ];
    const event = eventOf(encounter({ status: "onleave", statusHistory }));
    expect([event.kind, event.trigger, event.eventAt]).toEqual([
      "leave-out",
      "A21",
      new Date("2026-02-28T14:00:00Z"),
    ]);
  });

  it("maps finished with period.end to a discharge at that time", () => {
    const event = eventOf(
      encounter({ status: "finished", period: { start: "2026-02-27", end: "2026-03-01T10:15:00Z" } }),
    );
    expect(event).toMatchObject({
      kind: "discharge",
      trigger: "A03",
      eventAt: new Date("2026-03-01T10:15:00Z"),
      visit: { admittedAt: new Date("2026-02-27T00:00:00Z"), dischargedAt: new Date("2026-03-01T10:15:00Z") },
    });
  });

  it("maps cancelled and entered-in-error to cancel-admit, timed after what they cancel", () => {
    for (const status of ["cancelled", "entered-in-error"]) {
      const event = eventOf(encounter({ status }));
      expect([event.kind, event.trigger, event.eventAt]).toEqual(["cancel-admit", "A11", NOW]);
    }
  });

  it("prefers meta.lastUpdated for the event time", () => {
    const event = eventOf(encounter({ meta: { lastUpdated: "2026-02-27T09:31:05+00:00" } }));
    expect(event.eventAt).toEqual(new Date("2026-02-27T09:31:05Z"));
  });
});

describe("mapEncounter: consultant and refusals", () => {
  it("takes the attender (ATND), else the consultant (CON), by display or Practitioner name", () => {
    const type = (code: string) => [
      { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code }] },
    ];
    const practitioner = {
      resourceType: "Practitioner",
      id: "dr1",
      name: [{ family: "Rowan", prefix: ["Dr"] }],
    };
    const participant = [
      { type: type("CON"), individual: { reference: "Practitioner/dr1" } },
      { type: type("PART"), individual: { display: "Nurse Birch" } },
    ];
    expect(eventOf(encounter({ participant }), [practitioner]).visit?.consultant).toBe("Dr Rowan");
    const attender = [...participant, { type: type("ATND"), individual: { display: "Dr Hazel" } }];
    expect(eventOf(encounter({ participant: attender }), [practitioner]).visit?.consultant).toBe("Dr Hazel");
  });

  it("names every element it cannot map", () => {
    const { issues } = mapWith(encounter({ identifier: [], class: { system: V3_ACT_CODE, code: "XYZ" } }));
    expect(issues.map((i) => [i.code, i.expression?.[0]])).toEqual([
      ["required", "Bundle.entry[1].resource.identifier"],
      ["code-invalid", "Bundle.entry[1].resource.class"],
    ]);
    expect(expressions(mapWith(encounter({ status: "unknown" })).issues)).toEqual([
      "Bundle.entry[1].resource.status",
    ]);
    const bad = mapWith(encounter({ status: "admitted", period: { start: "yesterday" } }));
    expect(bad.issues.map((i) => [i.code, i.expression?.[0]])).toEqual([
      ["code-invalid", "Bundle.entry[1].resource.status"],
      ["value", "Bundle.entry[1].resource.period.start"],
    ]);
  });
});
