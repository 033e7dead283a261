import { describe, expect, it } from "vitest";
import { byBed, compareBeds } from "./bed-order";

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
});
