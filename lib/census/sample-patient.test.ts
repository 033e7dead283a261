import { describe, expect, it } from "vitest";
import { optionalFieldNames } from "@/lib/adt/events";
import { samplePreviewEntry } from "./sample-patient";

const now = new Date("2026-12-04T18:00:00Z");

describe("the preview patient", () => {
  it("carries every publishable field when all are published", () => {
    const entry = samplePreviewEntry(optionalFieldNames, now);
    expect(entry.consultant).toBe("Dr Ada Okafor");
    expect(Object.keys(entry.patient.published).sort()).toEqual(
      optionalFieldNames.filter((field) => field !== "consultant").sort(),
    );
  });

  it("drops what the policy does not publish, as ingest does", () => {
    const entry = samplePreviewEntry(["allergies"], now);
    expect(entry.consultant).toBeNull();
    expect(entry.patient.published).toEqual({
      allergies: [{ text: "Penicillin – rash", severity: "severe" }],
    });
    // Withheld allergies are marked so the preview (like the ward list) says "Allergies not published".
    expect(samplePreviewEntry([], now).patient.published).toEqual({ allergyStatus: "not-published" });
  });

  it("always keeps who the patient is and where", () => {
    const entry = samplePreviewEntry([], now);
    expect(entry.patient).toMatchObject({ familyName: "Sample", mrn: "SAMPLE001", nhsNumber: "9990000018" });
    expect(entry.bed).toBe("B4");
  });
});
