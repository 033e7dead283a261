import { describe, expect, it } from "vitest";
import {
  defaultReadinessThresholds,
  hoursSince,
  percent,
  rateAtLeast,
  rateAtMost,
  thresholdProblem,
  worst,
} from "./readiness-rating";

describe("readiness ratings", () => {
  it("rates percentages and counts: green at or above green, amber at or above amber", () => {
    const bounds = { green: 80, amber: 50 };
    expect([80, 79, 50, 49, 100].map((value) => rateAtLeast(value, bounds))).toEqual([
      "green",
      "amber",
      "amber",
      "red",
      "green",
    ]);
    expect(rateAtLeast(null, bounds)).toBe("red");
  });

  it("rates ages: green at or below green, amber at or below amber, red when nothing arrived", () => {
    const bounds = { green: 4, amber: 24 };
    expect([0, 4, 4.1, 24, 24.5].map((value) => rateAtMost(value, bounds))).toEqual([
      "green",
      "green",
      "amber",
      "amber",
      "red",
    ]);
    expect(rateAtMost(null, bounds)).toBe("red");
  });

  it("computes percentages (none of nobody) and ages", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeNull();
    const now = new Date("2026-12-04T12:00:00Z");
    expect(hoursSince(new Date("2026-12-04T09:30:00Z"), now)).toBe(2.5);
    expect(hoursSince(null, now)).toBeNull();
  });

  it("takes the worst rating for the ward", () => {
    expect(worst(["green", "amber", "green"])).toBe("amber");
    expect(worst(["green", "red", "amber"])).toBe("red");
    expect(worst([])).toBe("green");
  });

  it("refuses thresholds where amber is better than green", () => {
    expect(thresholdProblem(defaultReadinessThresholds)).toBeNull();
    expect(
      thresholdProblem({ ...defaultReadinessThresholds, enrolledPercent: { green: 50, amber: 80 } }),
    ).toMatch(/Enrolled .* amber must not be above green/);
    expect(thresholdProblem({ ...defaultReadinessThresholds, adtAgeHours: { green: 24, amber: 4 } })).toMatch(
      /ADT .* amber must not be below green/,
    );
  });
});
