import { describe, expect, it } from "vitest";
import { bytesPerGb, dayRanges, daysOf, gbMonths, lastCalendarMonth } from "./gb-months";

describe("GB-months", () => {
  it("is the average of the daily bytes in decimal GB over the month's days", () => {
    const november = { year: 2026, month: 11 };
    const days = new Map(daysOf(november).map((day, index) => [day, (index < 15 ? 2 : 4) * bytesPerGb]));
    const result = gbMonths(november, days);
    // 15 days at 2 GB and 15 at 4 GB: an average of 3 GB held for the month.
    expect(result).toEqual({
      month: "2026-11",
      daysInMonth: 30,
      recordedDays: 30,
      missingDays: [],
      gbMonths: 3,
      complete: true,
    });
  });

  it("uses 10^9 bytes to the GB, not 2^30", () => {
    const days = new Map(daysOf({ year: 2026, month: 2 }).map((day) => [day, 1_073_741_824]));
    expect(gbMonths({ year: 2026, month: 2 }, days).gbMonths).toBeCloseTo(1.073741824, 9);
  });

  it("states missing days and does not fill them in", () => {
    const december = { year: 2026, month: 12 };
    const days = new Map([
      ["2026-12-01", 31 * bytesPerGb],
      ["2026-12-03", 31 * bytesPerGb],
      ["2026-11-30", 999 * bytesPerGb],
    ]);
    const result = gbMonths(december, days);
    expect(result.daysInMonth).toBe(31);
    expect(result.recordedDays).toBe(2);
    expect(result.missingDays).toHaveLength(29);
    expect(result.missingDays.slice(0, 2)).toEqual(["2026-12-02", "2026-12-04"]);
    expect(result.complete).toBe(false);
    // Two recorded days of 31 GB over a 31-day month: 2 GB-months, a lower bound.
    expect(result.gbMonths).toBe(2);
  });

  it("counts the days of each month, leap years included", () => {
    expect(daysOf({ year: 2028, month: 2 })).toHaveLength(29);
    expect(daysOf({ year: 2026, month: 2 })).toHaveLength(28);
    expect(daysOf({ year: 2026, month: 1 })[30]).toBe("2026-01-31");
  });

  it("takes last calendar month in UTC, across the new year", () => {
    expect(lastCalendarMonth(new Date("2026-12-04T18:00:00Z"))).toEqual({ year: 2026, month: 11 });
    expect(lastCalendarMonth(new Date("2027-01-01T00:30:00Z"))).toEqual({ year: 2026, month: 12 });
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST): the month is UTC's, still March.
    expect(lastCalendarMonth(new Date("2026-03-31T23:30:00Z"))).toEqual({ year: 2026, month: 2 });
  });
});

describe("dayRanges", () => {
  it("joins consecutive days into ranges", () => {
    expect(dayRanges([])).toBe("");
    expect(dayRanges(["2026-11-09"])).toBe("2026-11-09");
    expect(
      dayRanges(["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-09", "2026-11-30", "2026-12-01"]),
    ).toBe("2026-11-02 to 2026-11-04, 2026-11-09, 2026-11-30 to 2026-12-01");
  });
});
