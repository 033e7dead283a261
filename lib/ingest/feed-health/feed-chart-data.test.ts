import { describe, expect, it } from "vitest";
import { feedChartData } from "./feed-chart-data";

const since = new Date("2026-12-04T00:00:00.000Z");
const at = (minute: number) => new Date(since.getTime() + minute * 60_000);
const counts = (AA: number, AE = 0, AR = 0, unavailable = 0) => ({ AA, AE, AR, unavailable });

describe("feedChartData", () => {
  it("has a point for every minute of the day, quiet ones as zero", () => {
    const data = feedChartData([{ minute: at(5), counts: counts(3, 1, 2) }], since, "UTC");
    expect(data.x).toHaveLength(1_440);
    expect(data.x[0]).toBe(since.getTime() / 1000);
    expect(data.series.AA[5]).toBe(3);
    expect(data.series.AA[4]).toBe(0);
    expect(data.series.AR[5]).toBe(2);
  });

  it("rolls minutes up into 24 hourly rows and counts 503 answers as AE", () => {
    const data = feedChartData(
      [
        { minute: at(1), counts: counts(2, 0, 0, 1) },
        { minute: at(59), counts: counts(1, 1, 0) },
        { minute: at(61), counts: counts(4, 0, 3) },
      ],
      since,
      "UTC",
    );
    expect(data.hours).toHaveLength(24);
    expect(data.hours[0]).toEqual({ label: "00:00 onwards", AA: 3, AE: 2, AR: 0 });
    expect(data.hours[1]).toEqual({ label: "01:00 onwards", AA: 4, AE: 0, AR: 3 });
    expect(data.totals).toEqual({ AA: 7, AE: 2, AR: 3, unavailable: 1 });
    expect(data.summary).toBe(
      "7 accepted, 2 errors and 3 rejected in the last 24 hours; at most 7 in one minute.",
    );
  });

  it("says so when nothing arrived", () => {
    expect(feedChartData([], since, "UTC").summary).toBe("No messages in the last 24 hours.");
  });
});
