import { describe, expect, it } from "vitest";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { bedsNamedBy, distinctBeds } from "./named-beds";

describe("beds an event names", () => {
  it("names the current bed (PV1-3) and the one a transfer left (PV1-6), with their bays", () => {
    const event = adtEvent("transfer", "2026-11-20T10:00:00Z", {
      visit: {
        location: { ward: "ELM", room: "Bay 4", bed: "7" },
        priorLocation: { ward: "OAK", room: "Bay 3", bed: "2" },
      },
    });
    expect(bedsNamedBy(event)).toEqual([
      { facilityCode: event.facilityCode, ward: "ELM", room: "Bay 4", bed: "7", from: "current" },
      { facilityCode: event.facilityCode, ward: "OAK", room: "Bay 3", bed: "2", from: "prior" },
    ]);
  });

  it("names no bed without a ward and a bed, and keeps a missing bay as null", () => {
    const noBed = adtEvent("admit", "2026-11-20T10:00:00Z", {
      visit: { location: { ward: "OAK", room: "Bay 1" } },
    });
    expect(bedsNamedBy(noBed)).toEqual([]);
    const noWard = adtEvent("update", "2026-11-20T10:00:00Z", { visit: { location: { bed: "3" } } });
    expect(bedsNamedBy(noWard)).toEqual([]);
    const noBay = adtEvent("admit", "2026-11-20T10:00:00Z", {
      visit: { location: { ward: "OAK", bed: " SR1 " } },
    });
    expect(bedsNamedBy(noBay)).toMatchObject([{ ward: "OAK", room: null, bed: "SR1" }]);
  });

  it("keeps one of each bed a message names", () => {
    const bed = { facilityCode: "RXD01", ward: "OAK", room: "Bay 1", bed: "1", from: "current" as const };
    expect(distinctBeds([bed, { ...bed, from: "prior" }, { ...bed, room: "Bay 2" }])).toEqual([
      bed,
      { ...bed, room: "Bay 2" },
    ]);
  });
});
