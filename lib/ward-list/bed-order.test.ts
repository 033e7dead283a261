import { describe, expect, it } from "vitest";
import { byBed, compareBeds, comparePlaces } from "./bed-order";

const sorted = (beds: (string | null)[]) => [...beds].sort(compareBeds);

describe("bed order", () => {
  it("sorts the numbers in bed names as numbers", () => {
    expect(sorted(["B10", "B2", "B1", "B21"])).toEqual(["B1", "B2", "B10", "B21"]);
  });

  it("sorts bays then beds, case-insensitively", () => {
    expect(sorted(["bay 2 bed 1", "Bay 1 Bed 10", "Bay 1 Bed 3", "SR1"])).toEqual([
      "Bay 1 Bed 3",
      "Bay 1 Bed 10",
      "bay 2 bed 1",
      "SR1",
    ]);
  });

  it("puts stays with no bed (or a blank one) last", () => {
    expect(sorted([null, "B3", " ", "A1"])).toEqual(["A1", "B3", null, " "]);
  });

  it("treats B01 and B1 as neighbours with a stable order", () => {
    expect(sorted(["B2", "B01", "B1"])).toEqual(["B1", "B01", "B2"]);
  });

  it("breaks ties in one bed by name, then stay id", () => {
    const entry = (stayId: string, bed: string | null, familyName: string) => ({
      stayId,
      bed,
      patient: { familyName },
    });
    const list = [entry("s3", "B1", "Young"), entry("s2", null, "Able"), entry("s1", "B1", "Adams")];
    expect(list.sort(byBed).map((item) => item.stayId)).toEqual(["s1", "s3", "s2"]);
  });

  it("sorts by bay, then bed, each in natural order: Bay 2 before Bay 10, bed 2 before bed 10", () => {
    const places = [
      { room: "Bay 10", bed: "1" },
      { room: "Bay 2", bed: "10" },
      { room: "Bay 2", bed: "2" },
      { room: "Bay 1", bed: "1" },
      { room: null, bed: "SR1" },
      { room: "Bay 2", bed: null },
    ];
    expect([...places].sort(comparePlaces)).toEqual([
      { room: "Bay 1", bed: "1" },
      { room: "Bay 2", bed: "2" },
      { room: "Bay 2", bed: "10" },
      { room: "Bay 2", bed: null },
      { room: "Bay 10", bed: "1" },
      { room: null, bed: "SR1" },
    ]);
  });

  it("keeps two patients in bed 1 of different bays apart, bay first", () => {
    const entry = (stayId: string, room: string, familyName: string) => ({
      stayId,
      room,
      bed: "1",
      patient: { familyName },
    });
    const list = [entry("s1", "Bay 2", "Able"), entry("s2", "Bay 1", "Young")];
    expect(list.sort(byBed).map((item) => item.room)).toEqual(["Bay 1", "Bay 2"]);
  });
});
