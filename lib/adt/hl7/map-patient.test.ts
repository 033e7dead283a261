/**
 * PID mapping rules: which identifier is the MRN and which the NHS number, and which unreadable
 * fields are dropped with a warning instead of refusing the message. Synthetic messages (NHS
 * numbers from the 999 test range) plus the NHS England ITK A31 example, whose PID-7 is garbled.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHl7 } from "@/lib/hl7/parse";
import { mapPatient } from "./map-patient";
import type { MappingWarning } from "./mapping-result";
import { MappingRefusal } from "./mapping-result";

const good = "9990047006";
const bad = "9990047007";

function message(pid3: string, rest: { pid7?: string; pid8?: string; extra?: string[] } = {}) {
  const { pid7 = "19450302", pid8 = "M", extra = [] } = rest;
  return parseHl7(
    [
      "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101500||ADT^A01^ADT_A01|C1|P|2.4",
      `PID|1||${pid3}||JONES^ALED^^^MR||${pid7}|${pid8}`,
      ...extra,
    ].join("\r"),
  );
}

function mapped(text: ReturnType<typeof message>, mrnAuthorities?: string[]) {
  const warnings: MappingWarning[] = [];
  return { patient: mapPatient(text, { mrnAuthorities, warnings }), warnings };
}

function refusal(text: ReturnType<typeof message>) {
  try {
    mapPatient(text);
  } catch (error) {
    if (error instanceof MappingRefusal) return error.issue;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("mapPatient identifiers", () => {
  it("keeps the default rule: MR over an earlier untyped id, NHS number beside it", () => {
    const { patient, warnings } = mapped(message(`X1~RXD0000001^^^RXD01^MR~${good}^^^NHSNBR`));
    expect(patient).toMatchObject({ mrn: "RXD0000001", nhsNumber: good });
    expect(warnings).toEqual([]);
  });

  it("uses the NHS number as the MRN when it is the only identifier (ITK profile)", () => {
    expect(mapped(message(`${good}^^^NHS^NH`)).patient).toMatchObject({ mrn: good, nhsNumber: good });
  });

  it("drops an NHS number failing modulus 11 when there is an MRN, with a W naming the repetition", () => {
    const { patient, warnings } = mapped(message(`RXD0000001^^^RXD01^MR~${bad}^^^NHS^NH`));
    expect(patient.mrn).toBe("RXD0000001");
    expect(patient).not.toHaveProperty("nhsNumber");
    expect(warnings).toEqual([
      {
        location: "PID-3[2]",
        code: "102",
        message: "PID-3 repetition 2: the NHS number fails its modulus-11 check; it was dropped",
      },
    ]);
    expect(JSON.stringify(warnings)).not.toContain(bad);
  });

  it("refuses (AR 102) when the failing NHS number is the only identifier", () => {
    expect(refusal(message(`${bad}^^^NHS^NH`))).toMatchObject({ location: "PID-3[1]", code: "102" });
    expect(refusal(message(`${bad}^^^&2.16.840.1.113883.2.1.4.1`))).toMatchObject({ code: "102" });
  });

  it("refuses a PID with no identifier, not taking a local id in PID-2 as the MRN", () => {
    expect(refusal(message(""))).toMatchObject({ location: "PID-3", code: "101" });
    const localInPid2 = parseHl7(
      "MSH|^~\\&|PAS|RXD01|||20261120101500||ADT^A01|C1|P|2.3\rPID|1|0493575^^^2^ID 1|||JONES^ALED",
    );
    expect(refusal(localInPid2)).toMatchObject({ location: "PID-3", code: "101" });
    const nhsInPid2 = parseHl7(
      `MSH|^~\\&|PAS|RXD01|||20261120101500||ADT^A01|C1|P|2.3\rPID|1|${good}|||JONES^ALED`,
    );
    expect(mapPatient(nhsInPid2)).toMatchObject({ mrn: good, nhsNumber: good });
  });

  it("takes the NHS number from PID-19 of a v2.3 feed when it passes modulus 11", () => {
    const v23 = message("RXD0000001^^^RXD01^MR", { pid8: `M${"|".repeat(11)}${good}` });
    expect(v23.get("PID-19")).toBe(good);
    expect(mapped(v23).patient).toMatchObject({ mrn: "RXD0000001", nhsNumber: good });
  });

  it("picks the repetition of the configured MRN authority, whatever its type or position", () => {
    const list = `R9^^^REGION^MR~${good}^^^NHS^NH~RXD0000001^^^RXD01^PI`;
    expect(mapped(message(list)).patient.mrn).toBe("R9");
    const { patient, warnings } = mapped(message(list), ["RXD01"]);
    expect(patient).toMatchObject({ mrn: "RXD0000001", nhsNumber: good });
    expect(warnings).toEqual([]);
  });

  it("warns when no repetition has a configured authority, and files by the default rule", () => {
    const { patient, warnings } = mapped(message("R9^^^REGION^MR"), ["RXD01"]);
    expect(patient.mrn).toBe("R9");
    expect(warnings).toEqual([expect.objectContaining({ location: "PID-3", code: "101" })]);
  });
});

describe("mapPatient partial acceptance", () => {
  it("drops a birth date that is not a date to the day (PID-7), keeping the rest", () => {
    for (const garbled of ["19451302", "1945", "02/03/1945"]) {
      const { patient, warnings } = mapped(message("A1^^^RXD^MR", { pid7: garbled }));
      expect(patient.demographics, garbled).not.toHaveProperty("birthDate");
      expect(patient.demographics.sex).toBe("male");
      expect(warnings, garbled).toEqual([
        {
          location: "PID-7",
          code: "102",
          message: "PID-7 (date of birth) is not a valid HL7 date to the day; the field was dropped",
        },
      ]);
    }
  });

  it("drops an unknown sex code (PID-8, table 0001) with a 103 warning; known codes need none", () => {
    const unknown = mapped(message("A1^^^RXD^MR", { pid8: "X" }));
    expect(unknown.patient.demographics).not.toHaveProperty("sex");
    expect(unknown.warnings).toEqual([expect.objectContaining({ location: "PID-8", code: "103" })]);
    for (const [code, sex] of [
      ["f", "female"],
      ["2", "female"],
      ["U", "unknown"],
    ]) {
      const known = mapped(message("A1^^^RXD^MR", { pid8: code }));
      expect(known.patient.demographics.sex, code).toBe(sex);
      expect(known.warnings).toEqual([]);
    }
  });

  it("drops an AL1 with no allergen and an unknown severity, keeping the other allergies", () => {
    const { patient, warnings } = mapped(
      message("A1^^^RXD^MR", {
        extra: ["AL1|1|DA|^Penicillin|SV", "AL1|2|DA|^^|MO|Rash", "AL1|3|FA|^Peanut|QQ", "AL1|4"],
      }),
    );
    expect(patient.demographics.allergies).toEqual([
      { text: "Penicillin", severity: "severe" },
      { text: "Peanut" },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ location: "AL1[2]-3", code: "101" }),
      expect.objectContaining({ location: "AL1[3]-4", code: "103" }),
    ]);
  });

  it("records an AL1 that says no known allergies as none, never as an allergy", () => {
    for (const al1 of [
      "AL1|1|DA|NKA^No known allergies",
      "AL1|1||716186003^No known allergy^SCT",
      "AL1|1|DA|^NKDA",
    ]) {
      const { patient, warnings } = mapped(message("A1^^^RXD^MR", { extra: [al1] }));
      expect(patient.demographics.allergies, al1).toBeUndefined();
      expect(patient.demographics.allergyStatus, al1).toBe("none-known");
      expect(warnings).toEqual([]);
    }
    // An allergen beside the statement is listed, and the statement dropped.
    const both = mapped(
      message("A1^^^RXD^MR", { extra: ["AL1|1|DA|NKA^No known allergies", "AL1|2|DA|^Latex|SV"] }),
    );
    expect(both.patient.demographics.allergies).toEqual([{ text: "Latex", severity: "severe" }]);
    expect(both.patient.demographics.allergyStatus).toBeUndefined();
    // No AL1 at all: nothing said about allergies ("not sent").
    const none = mapped(message("A1^^^RXD^MR"));
    expect(none.patient.demographics).not.toHaveProperty("allergies");
    expect(none.patient.demographics).not.toHaveProperty("allergyStatus");
  });

  it("accepts the NHS England ITK A31 example, whose PID-7 has month 13, without its birth date", () => {
    const itk = parseHl7(readFileSync("test/fixtures/hl7v2/nhse-itk/A31_example.txt", "utf8"));
    const { patient, warnings } = mapped(itk);
    expect(itk.get("PID-7")).toBe("196513121515");
    expect(patient).toMatchObject({
      mrn: "3333333333",
      demographics: { familyName: "Smith", sex: "female" },
    });
    expect(patient.demographics).not.toHaveProperty("birthDate");
    expect(warnings.map((warning) => warning.location)).toContain("PID-7");
  });
});
