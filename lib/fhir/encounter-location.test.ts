import { describe, expect, it } from "vitest";
import {
  encounter,
  encounterEvent as eventOf,
  location,
  mapEncounterInBundle as mapWith,
  PHYSICAL_TYPE,
} from "./fhir-builders.test-kit";
import type { OutcomeIssue } from "./operation-outcome";

const expressions = (issues: OutcomeIssue[]) => issues.flatMap((issue) => issue.expression ?? []);

describe("encounter locations", () => {
  it("maps a completed location next to an active one to a transfer, with the prior ward", () => {
    const moves = [
      {
        location: { display: "OAK" },
        status: "completed",
        period: { start: "2026-02-27T09:30:00Z", end: "2026-02-28T10:00:00Z" },
      },
      { location: { display: "ELM" }, status: "active", period: { start: "2026-02-28T10:00:00Z" } },
    ];
    const event = eventOf(encounter({ location: moves }));
    expect(event).toMatchObject({
      kind: "transfer",
      trigger: "A02",
      eventAt: new Date("2026-02-28T10:00:00Z"),
      visit: { location: { ward: "ELM" }, priorLocation: { ward: "OAK" } },
    });
  });

  it("reads ward, room and bed from Location resources and their partOf chain", () => {
    const locations = [
      location("ward-elm", "ELM", "wa"),
      location("room-2", "ELM-R2", "ro", "Location/ward-elm"),
      location("bed-7", "ELM-R2-B7", "bd", "Location/room-2"),
    ];
    const event = eventOf(
      encounter({ location: [{ location: { reference: "Location/bed-7" }, status: "active" }] }),
      locations,
    );
    expect(event.visit?.location).toEqual({ ward: "ELM", room: "ELM-R2", bed: "ELM-R2-B7" });
  });

  it("reads one entry per level by Encounter.location.physicalType, and keeps displays as sent", () => {
    const typed = (display: string, code: string) => ({
      location: { display },
      status: "active",
      physicalType: { coding: [{ system: PHYSICAL_TYPE, code }] },
    });
    const event = eventOf(
      encounter({
        location: [typed("OAK", "wa"), typed("Bay 3", "ro"), typed("12", "bd"), typed("Main site", "si")],
      }),
    );
    expect(event.visit?.location).toEqual({ ward: "OAK", room: "Bay 3", bed: "12" });
    const untyped = eventOf(
      encounter({ location: [{ location: { display: "Ward 1, Room 42, Bed 1" }, status: "active" }] }),
    );
    expect(untyped.visit?.location).toEqual({ ward: "Ward 1, Room 42, Bed 1" });
  });

  it("takes the facility from serviceProvider, then the Location's managingOrganization, then the default", () => {
    const org = { resourceType: "Organization", id: "org1", identifier: [{ value: "RYY02" }] };
    const fromOrg = eventOf(encounter({ serviceProvider: { reference: "Organization/org1" } }), [org]);
    const ward = {
      ...location("ward-ash", "ASH", "wa"),
      managingOrganization: { identifier: { value: "RZZ03" } },
    };
    const fromLocation = eventOf(
      encounter({ serviceProvider: undefined, location: [{ location: { reference: "Location/ward-ash" } }] }),
      [ward],
    );
    const fromDefault = eventOf(encounter({ serviceProvider: undefined }), [], {
      defaultFacilityCode: "RDEF",
    });
    expect([fromOrg.facilityCode, fromLocation.facilityCode, fromDefault.facilityCode]).toEqual([
      "RYY02",
      "RZZ03",
      "RDEF",
    ]);
    expect(expressions(mapWith(encounter({ serviceProvider: undefined })).issues)).toEqual([
      "Bundle.entry[1].resource.serviceProvider",
    ]);
  });
});
