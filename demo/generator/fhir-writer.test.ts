import { describe, expect, it } from "vitest";
import { generateAdtScenario } from "./adt-scenario";
import type { FhirResource } from "./fhir-types";
import { encounterStatusByKind, toFhirBundle } from "./fhir-writer";
import { generateDemoHospital } from "./hospital";

const facilities = generateDemoHospital();
const wardNames = new Map(facilities.flatMap((f) => f.wards.map((w) => [w.code, w.name] as const)));
const startAt = new Date("2026-11-23T08:00:00Z");
const items = generateAdtScenario({ seed: 3, facilities, currentInpatients: 200, historyDays: 5, startAt });
const bundles = items.map((item) => ({ item, bundle: toFhirBundle(item, { wardNames }) }));

type Entry = { status: string; location: { reference: string; display: string } };
const encounterOf = (bundle: NonNullable<ReturnType<typeof toFhirBundle>>) => bundle.entry[1]!.resource;
const locations = (encounter: FhirResource) => encounter.location as Entry[];
const contained = (encounter: FhirResource, id: string) =>
  (encounter.contained as FhirResource[]).find((resource) => resource.id === id);

describe("toFhirBundle", () => {
  it("gives null for person-only events and a transaction Bundle for the rest", () => {
    for (const { item, bundle } of bundles) {
      if (item.event.kind === "person-update" || item.event.kind === "merge") {
        expect(bundle).toBeNull();
        continue;
      }
      expect(bundle).toMatchObject({ resourceType: "Bundle", type: "transaction", id: item.controlId });
      expect(bundle!.entry.map((entry) => entry.resource.resourceType)).toEqual(["Patient", "Encounter"]);
      expect(bundle!.entry.map((entry) => entry.request.method)).toEqual(["PUT", "PUT"]);
      expect(encounterOf(bundle!).subject).toEqual({ reference: bundle!.entry[0]!.fullUrl });
    }
  });

  it("sets Encounter.status from the event kind", () => {
    const expected = {
      "pre-admit": "planned",
      admit: "in-progress",
      transfer: "in-progress",
      update: "in-progress",
      "leave-return": "in-progress",
      "leave-out": "onleave",
      discharge: "finished",
      "cancel-admit": "cancelled",
    } as const;
    for (const [kind, status] of Object.entries(expected)) {
      expect(encounterStatusByKind[kind as keyof typeof expected]).toBe(status);
      const found = bundles.find(({ item }) => item.event.kind === kind)!;
      expect(encounterOf(found.bundle!).status, kind).toBe(status);
    }
  });

  it("identifies the patient by NHS number and a typed MRN, and the visit by its number", () => {
    const { item, bundle } = bundles.find(
      ({ item }) => item.event.kind === "admit" && item.event.patient.nhsNumber,
    )!;
    const patient = bundle!.entry[0]!.resource;
    expect(patient.identifier).toEqual([
      { system: "https://fhir.nhs.uk/Id/nhs-number", value: item.event.patient.nhsNumber },
      expect.objectContaining({
        system: `https://demo.downtime.invalid/Id/mrn/${item.event.facilityCode}`,
        value: item.event.patient.mrn,
        type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] },
      }),
    ]);
    const encounter = encounterOf(bundle!);
    expect(encounter.identifier).toEqual([
      {
        use: "official",
        system: `https://demo.downtime.invalid/Id/visit/${item.event.facilityCode}`,
        value: item.event.visit!.visitNumber,
      },
    ]);
    expect(encounter.class).toMatchObject({ code: "IMP" });
    expect(encounter.meta).toEqual({ lastUpdated: item.event.eventAt.toISOString() });
    expect(encounter.serviceProvider).toMatchObject({ identifier: { value: item.event.facilityCode } });
    expect(encounter.participant).toMatchObject([{ individual: { display: item.event.visit!.consultant } }]);
  });

  it("describes ward, room and bed as Locations, with the prior ward completed on a transfer", () => {
    const { item, bundle } = bundles.find(({ item }) => item.event.kind === "transfer")!;
    const encounter = encounterOf(bundle!);
    const { location, priorLocation } = item.event.visit!;
    expect(locations(encounter).map((entry) => entry.status)).toEqual([
      "completed",
      "completed",
      "completed",
      "active",
      "active",
      "active",
    ]);
    expect(locations(encounter)[3]!.location).toEqual({
      reference: "#current-ward",
      display: wardNames.get(location!.ward!),
    });
    expect(contained(encounter, "current-ward")!.identifier).toEqual([
      { system: "https://demo.downtime.invalid/Id/location", value: location!.ward },
    ]);
    expect(contained(encounter, "current-bed")).toMatchObject({
      name: location!.bed,
      partOf: { reference: "#current-room" },
    });
    expect(contained(encounter, "prior-ward")!.identifier).toEqual([
      { system: "https://demo.downtime.invalid/Id/location", value: priorLocation!.ward },
    ]);
  });

  it("holds the bed (reserved) during leave and classes attendances as EMER or AMB", () => {
    const leave = bundles.find(({ item }) => item.event.kind === "leave-out")!;
    expect(locations(encounterOf(leave.bundle!)).map((entry) => entry.status)).toEqual([
      "reserved",
      "reserved",
      "reserved",
    ]);
    const attendances = bundles.filter(({ item }) => item.event.kind === "register");
    expect(attendances.length).toBeGreaterThan(0);
    for (const { bundle } of attendances)
      expect(["EMER", "AMB"]).toContain((encounterOf(bundle!).class as { code: string }).code);
  });

  it("is deterministic, including the fullUrls", () => {
    expect(toFhirBundle(items[5]!)).toEqual(toFhirBundle(items[5]!));
    expect(toFhirBundle(items[5]!)!.entry[0]!.fullUrl).not.toBe(toFhirBundle(items[6]!)!.entry[0]!.fullUrl);
  });
});
