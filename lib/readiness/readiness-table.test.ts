import { describe, expect, it } from "vitest";
import type { Rating } from "./readiness-rating";
import { pageOf, parseSort, sortWards } from "./readiness-table";
import type { WardReadiness } from "./ward-readiness";

function ward(
  code: string,
  overall: Rating,
  enrolledPercent: number | null,
  lastAdtEventAt: string | null,
): WardReadiness {
  return {
    wardId: code,
    wardCode: code,
    wardName: code,
    facilityCode: "F",
    facilityName: "F",
    staff: 1,
    enrolled: 0,
    signedIn: 0,
    pcsRegistered: 0,
    pcsSeen: 0,
    lastAdtEventAt,
    newestDocumentAt: null,
    enrolledPercent,
    signedInPercent: null,
    ratings: { enrolled: overall, signedIn: overall, pcs: overall, adt: overall, document: overall, overall },
  };
}

const wards = [
  ward("A", "green", 90, "2026-12-04T10:00:00Z"),
  ward("B", "red", null, null),
  ward("C", "amber", 60, "2026-12-04T09:00:00Z"),
  ward("D", "red", 10, "2026-12-04T11:00:00Z"),
];

describe("readiness table", () => {
  it("sorts worst first by rating, keeping ward order in ties, and by figures either way", () => {
    expect(sortWards(wards, "rating").map((w) => w.wardCode)).toEqual(["B", "D", "C", "A"]);
    expect(sortWards(wards, "enrolled").map((w) => w.wardCode)).toEqual(["B", "D", "C", "A"]);
    expect(sortWards(wards, "enrolled", true).map((w) => w.wardCode)).toEqual(["A", "C", "D", "B"]);
    expect(sortWards(wards, "adt").map((w) => w.wardCode)).toEqual(["B", "C", "A", "D"]);
    expect(sortWards(wards, "ward", true).map((w) => w.wardCode)).toEqual(["D", "C", "B", "A"]);
  });

  it("reads an unknown sort as the rating, and pages within bounds", () => {
    expect(parseSort("nonsense")).toBe("rating");
    expect(parseSort("pcs")).toBe("pcs");
    expect(pageOf([1, 2, 3, 4, 5], 2, 2)).toEqual({ items: [3, 4], page: 2, pages: 3 });
    expect(pageOf([1, 2, 3], 9, 2)).toEqual({ items: [3], page: 2, pages: 2 });
    expect(pageOf([], 1, 2)).toEqual({ items: [], page: 1, pages: 1 });
  });
});
