import { describe, expect, it } from "vitest";
import { generateDemoHospital } from "./hospital";

describe("generateDemoHospital", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateDemoHospital(7)).toEqual(generateDemoHospital(7));
    expect(generateDemoHospital(7)).not.toEqual(generateDemoHospital(8));
  });

  it("has 2-3 facilities and at least 30 wards with unique codes", () => {
    const facilities = generateDemoHospital();
    expect(facilities.length).toBeGreaterThanOrEqual(2);
    expect(facilities.length).toBeLessThanOrEqual(3);
    const wards = facilities.flatMap((facility) => facility.wards);
    expect(wards.length).toBeGreaterThanOrEqual(30);
    expect(new Set(wards.map((ward) => ward.code)).size).toBe(wards.length);
    expect(new Set(facilities.map((facility) => facility.code)).size).toBe(facilities.length);
    for (const ward of wards) {
      expect(ward.bedCount).toBeGreaterThanOrEqual(24);
      expect(ward.bedCount).toBeLessThanOrEqual(36);
      expect(ward.code).toMatch(/^[A-Z]{3}\d{3}$/);
    }
  });
});
