import { describe, expect, it } from "vitest";
import { parseFhirBirthDate, parseFhirDateTime } from "./fhir-datetime";

describe("parseFhirDateTime", () => {
  it("reads values with a zone exactly", () => {
    expect(parseFhirDateTime("2017-02-01T07:15:00+10:00")).toEqual(new Date("2017-01-31T21:15:00Z"));
    expect(parseFhirDateTime("2026-02-27T09:30:00Z")).toEqual(new Date("2026-02-27T09:30:00Z"));
    expect(parseFhirDateTime("2026-02-27T09:30:00.25-01:30")).toEqual(new Date("2026-02-27T11:00:00.250Z"));
  });

  it("puts a date alone at local midnight in the facility's zone (GMT in winter, BST in summer)", () => {
    expect(parseFhirDateTime("2013-03-11")).toEqual(new Date("2013-03-11T00:00:00Z"));
    expect(parseFhirDateTime("2025-07-01")).toEqual(new Date("2025-06-30T23:00:00Z"));
    expect(parseFhirDateTime("2025-07-01", "UTC")).toEqual(new Date("2025-07-01T00:00:00Z"));
  });

  it("starts partial dates at their beginning and reads a time without zone as local", () => {
    expect(parseFhirDateTime("2024")).toEqual(new Date("2024-01-01T00:00:00Z"));
    expect(parseFhirDateTime("2024-08")).toEqual(new Date("2024-07-31T23:00:00Z"));
    expect(parseFhirDateTime("2025-07-01T10:00:00")).toEqual(new Date("2025-07-01T09:00:00Z"));
  });

  it("resolves local times around the clock changes like Temporal's 'compatible' rule", () => {
    // 01:30 happens twice on 26 October 2025 in London: the earlier (BST) instant is taken.
    expect(parseFhirDateTime("2025-10-26T01:30:00")).toEqual(new Date("2025-10-26T00:30:00Z"));
    // 01:30 never happens on 30 March 2025: it is moved forward by the hour skipped.
    expect(parseFhirDateTime("2025-03-30T01:30:00")).toEqual(new Date("2025-03-30T01:30:00Z"));
  });

  it("refuses what is not a date", () => {
    for (const bad of ["2013-02-30", "11/03/2013", "2013-03-11T10:00", "", undefined]) {
      expect(parseFhirDateTime(bad), String(bad)).toBeUndefined();
    }
  });
});

describe("parseFhirBirthDate", () => {
  it("keeps full dates as written, with no zone arithmetic", () => {
    expect(parseFhirBirthDate("1974-12-25")).toBe("1974-12-25");
    expect(parseFhirBirthDate("1974-12")).toBeUndefined();
    expect(parseFhirBirthDate("1974-02-30")).toBeUndefined();
  });
});
