import { describe, expect, it } from "vitest";
import { emptyBeds, withEmptyBeds } from "./empty-beds";

const entry = (stayId: string, room: string | null, bed: string | null, familyName = "Jones") => ({
  stayId,
  room,
  bed,
  patient: { familyName },
});

describe("empty beds", () => {
  const known = [
    { room: "Bay 1", bed: "1" },
    { room: "Bay 1", bed: "2" },
    { room: "Bay 2", bed: "1" },
    { room: "Bay 10", bed: "1" },
    { room: null, bed: "SR1" },
  ];

  it("lists the known beds no patient on the list holds, by bay and bed", () => {
    const entries = [entry("s1", "Bay 1", "1"), entry("s2", "Bay 10", "1")];
    expect(emptyBeds(entries, known)).toEqual([
      { room: "Bay 1", bed: "2" },
      { room: "Bay 2", bed: "1" },
      { room: null, bed: "SR1" },
    ]);
  });

  it("treats bed 1 of Bay 1 as held and bed 1 of Bay 2 as free", () => {
    expect(emptyBeds([entry("s1", "Bay 1", "1")], [known[0]!, known[2]!])).toEqual([
      { room: "Bay 2", bed: "1" },
    ]);
  });

  it("lists each known bed once, even when the record repeats it", () => {
    expect(emptyBeds([], [known[0]!, { room: "Bay 1", bed: "1" }])).toEqual([{ room: "Bay 1", bed: "1" }]);
  });

  it("puts empty beds in their place among the patients; patients without a bed stay last", () => {
    const rows = withEmptyBeds(
      [entry("s2", "Bay 10", "1"), entry("s3", null, null), entry("s1", "Bay 1", "1")],
      known,
    );
    expect(
      rows.map((row) =>
        row.kind === "patient" ? row.entry.stayId : `empty ${row.place.room}/${row.place.bed}`,
      ),
    ).toEqual(["s1", "empty Bay 1/2", "empty Bay 2/1", "s2", "empty null/SR1", "s3"]);
  });

  it("keeps two patients in one bed together, in their own order, with no empty row for it", () => {
    const rows = withEmptyBeds(
      [entry("s2", "Bay 1", "1", "Young"), entry("s1", "Bay 1", "1", "Adams")],
      [known[0]!],
    );
    expect(rows.map((row) => row.kind === "patient" && row.entry.stayId)).toEqual(["s1", "s2"]);
  });
});
