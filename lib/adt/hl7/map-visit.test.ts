/**
 * PV1 mapping: what refuses a stay event (no visit, no ward for an admission or transfer) and what
 * is dropped with a warning while the rest applies (partial acceptance). Synthetic messages.
 */
import { describe, expect, it } from "vitest";
import { parseHl7 } from "@/lib/hl7/parse";
import type { AdtEventKind } from "../events";
import { mapVisit } from "./map-visit";
import { MappingRefusal, type MappingWarning } from "./mapping-result";

/** PV1 fields by number, so nobody counts pipes. */
function pv1(fields: Record<number, string>) {
  const values = Array.from({ length: 45 }, (_, i) => fields[i + 1] ?? "");
  return parseHl7(
    [
      "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101500||ADT^A01^ADT_A01|C1|P|2.4",
      "PID|1||A1^^^RXD^MR||JONES^ALED",
      `PV1|${values.join("|")}`.replace(/\|+$/, ""),
    ].join("\r"),
  );
}

const admission = {
  1: "1",
  2: "I",
  3: "OAK^BAY1^B03^RXD01",
  7: "C123^OKAFOR^ADA^^^DR",
  19: "V0001",
  44: "20261120100000",
};

function map(fields: Record<number, string>, kind: AdtEventKind = "admit") {
  const warnings: MappingWarning[] = [];
  const visit = mapVisit(pv1(fields), { timeZone: "Europe/London", kind, warnings });
  return { visit, warnings };
}

function refusal(fields: Record<number, string>, kind: AdtEventKind) {
  try {
    map(fields, kind);
  } catch (error) {
    if (error instanceof MappingRefusal) return error.issue;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("mapVisit refusals", () => {
  it("refuses an admission or a transfer with no ward in PV1-3 (AR 101 naming PV1-3)", () => {
    for (const kind of ["admit", "transfer"] as const) {
      for (const location of ["", "^BAY1^B03^RXD01"]) {
        expect(refusal({ ...admission, 3: location }, kind), `${kind} ${location}`).toEqual({
          location: "PV1-3",
          code: "101",
          message: `PV1-3.1 (assigned ward) is required for ${kind === "admit" ? "an admission" : "a transfer"}`,
        });
      }
    }
  });

  it("accepts other stay events without a location (no change of ward)", () => {
    for (const kind of ["discharge", "update", "register", "pre-admit", "cancel-admit"] as const) {
      expect(map({ ...admission, 3: "" }, kind).visit, kind).not.toHaveProperty("location");
    }
  });

  it("still refuses a missing visit number", () => {
    expect(refusal({ ...admission, 19: "" }, "admit")).toMatchObject({ location: "PV1-19", code: "101" });
  });

  // Found by the ingest fuzz: a 250,000-character ward code failed in the database as an AE.
  it("refuses a ward, room, bed or visit number longer than 64 characters, naming the field", () => {
    const long = "X".repeat(65);
    expect(refusal({ ...admission, 3: long }, "admit")).toMatchObject({ location: "PV1-3", code: "102" });
    expect(refusal({ ...admission, 3: `OAK^BAY1^${long}` }, "admit")).toMatchObject({
      location: "PV1-3",
      message: "PV1-3.3 (bed) is longer than 64 characters",
    });
    expect(refusal({ ...admission, 6: long }, "transfer")).toMatchObject({ location: "PV1-6" });
    expect(refusal({ ...admission, 19: long }, "admit")).toMatchObject({ location: "PV1-19", code: "102" });
    expect(map({ ...admission, 3: "X".repeat(64) }).visit.location).toMatchObject({ ward: "X".repeat(64) });
  });
});

describe("mapVisit partial acceptance", () => {
  it("drops an unreadable admit or discharge time (PV1-44, PV1-45) and keeps the rest", () => {
    const { visit, warnings } = map({ ...admission, 44: "2026132510", 45: "yesterday" }, "discharge");
    expect(visit).toMatchObject({
      visitNumber: "V0001",
      location: { ward: "OAK" },
      consultant: "Dr Ada Okafor",
    });
    expect(visit).not.toHaveProperty("admittedAt");
    expect(visit).not.toHaveProperty("dischargedAt");
    expect(warnings).toEqual([
      {
        location: "PV1-44",
        code: "102",
        message: "PV1-44 (admit time) is not a valid HL7 date/time; the field was dropped",
      },
      {
        location: "PV1-45",
        code: "102",
        message: "PV1-45 (discharge time) is not a valid HL7 date/time; the field was dropped",
      },
    ]);
  });

  it("keeps a readable admit time without warnings", () => {
    const { visit, warnings } = map(admission);
    expect(visit.admittedAt).toEqual(new Date("2026-11-20T10:00:00Z"));
    expect(warnings).toEqual([]);
  });

  it("drops a broken attending doctor (PV1-7) without falling back to the consulting doctor (PV1-9)", () => {
    for (const broken of ["^^^^^DR", "^12345^ADA", "^^^^^^^^PAS"]) {
      const { visit, warnings } = map({ ...admission, 7: broken, 9: "C999^PATEL^PRIYA^^^DR" });
      expect(visit, broken).not.toHaveProperty("consultant");
      expect(warnings, broken).toEqual([expect.objectContaining({ location: "PV1-7", code: "102" })]);
    }
  });

  it("takes PV1-9 when PV1-7 is not sent, and XCN-1 when no name is", () => {
    expect(map({ ...admission, 7: "", 9: "C999^PATEL^PRIYA^^^DR" }).visit.consultant).toBe("Dr Priya Patel");
    expect(map({ ...admission, 7: "C123" }).visit.consultant).toBe("C123");
  });
});
