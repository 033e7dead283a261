import { describe, expect, it } from "vitest";
import {
  facilityCodeSchema,
  newFacilitySchema,
  newWardSchema,
  wardChangeSchema,
  wardCodeSchema,
} from "./facility-input";

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? undefined : result.error!.issues[0]!.message;

describe("facility codes", () => {
  it("accept site codes as feeds send them", () => {
    for (const code of ["RXD01", "RX", "RGH-MAIN", "SITE_2", "A".repeat(20)]) {
      expect(facilityCodeSchema.parse(code)).toBe(code);
    }
    expect(facilityCodeSchema.parse("  RXD04 ")).toBe("RXD04");
  });

  it("refuse lower case, spaces, slashes, one character and more than 20", () => {
    for (const code of ["rxd01", "RXD 01", "RXD/01", "R", "A".repeat(21), "-RXD", ""]) {
      expect(firstMessage(facilityCodeSchema.safeParse(code)), code).toMatch(/Facility code: 2 to 20/);
    }
  });
});

describe("ward codes", () => {
  it("accept PV1-3.1 points of care, mixed case, and refuse a slash (FACILITY/WARD is the scope syntax)", () => {
    expect(wardCodeSchema.parse("ALD101")).toBe("ALD101");
    expect(wardCodeSchema.parse("Heron.2")).toBe("Heron.2");
    expect(wardCodeSchema.safeParse("A/B").success).toBe(false);
    expect(wardCodeSchema.safeParse("A".repeat(41)).success).toBe(false);
  });
});

describe("names and bed counts", () => {
  it("trim names and refuse empty, over-long or multi-line ones", () => {
    expect(newFacilitySchema.parse({ code: "RXD04", name: "  Hillside  " })).toEqual({
      code: "RXD04",
      name: "Hillside",
    });
    expect(firstMessage(newFacilitySchema.safeParse({ code: "RXD04", name: "   " }))).toBe(
      "Name is required",
    );
    expect(firstMessage(newFacilitySchema.safeParse({ code: "RXD04" }))).toBe("Name is required");
    expect(firstMessage(newFacilitySchema.safeParse({ code: "RXD04", name: "x".repeat(101) }))).toMatch(
      /100/,
    );
    expect(firstMessage(newFacilitySchema.safeParse({ code: "RXD04", name: "Hill\nside" }))).toMatch(
      /one line/,
    );
  });

  it("refuse unknown fields, so a misspelt one is not silently ignored", () => {
    expect(newFacilitySchema.safeParse({ code: "RXD04", name: "Hillside", nmae: "x" }).success).toBe(false);
  });

  it("take whole bed counts from 0 to 500", () => {
    const ward = { code: "HER1", name: "Heron Ward" };
    expect(newWardSchema.parse({ ...ward, bedCount: 0 }).bedCount).toBe(0);
    expect(newWardSchema.parse({ ...ward, bedCount: 500, specialty: "Respiratory" })).toMatchObject({
      specialty: "Respiratory",
    });
    for (const bedCount of [-1, 501, 2.5, "24", undefined]) {
      expect(newWardSchema.safeParse({ ...ward, bedCount }).success, String(bedCount)).toBe(false);
    }
  });
});

describe("ward changes", () => {
  it("need at least one field, and take null to clear the specialty", () => {
    expect(firstMessage(wardChangeSchema.safeParse({}))).toMatch(/Say what to change/);
    expect(firstMessage(wardChangeSchema.safeParse({ name: undefined, bedCount: undefined }))).toMatch(
      /Say what to change/,
    );
    expect(wardChangeSchema.parse({ specialty: null })).toEqual({ specialty: null });
    expect(wardChangeSchema.parse({ bedCount: 28 })).toEqual({ bedCount: 28 });
  });
});
