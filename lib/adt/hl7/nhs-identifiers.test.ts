import { describe, expect, it } from "vitest";
import { parseHl7 } from "@/lib/hl7/parse";
import { isValidNhsNumber } from "../nhs-number";
import { findNhsNumber } from "./nhs-identifiers";

// Synthetic NHS numbers from the 999 test range; the "bad" ones differ in the check digit.
const good = "9990011133";
const other = "9990028451";
const bad = "9990011134";

/** A PID with PID-2, PID-3 and PID-19 as given (v2.3 keeps the SSN in PID-19). */
function pid({ p2 = "", p3 = "A1^^^RXD^MR", p19 = "", version = "2.4" }) {
  const fields = ["PID", "1", p2, p3, "", "JONES^ALED", "", "19450302", "M"];
  while (fields.length < 20) fields.push("");
  fields[19] = p19;
  const msh = `MSH|^~\\&|PAS|RXD01|||20261120101500||ADT^A01|C1|P|${version}`;
  return parseHl7(`${msh}\r${fields.join("|")}`);
}

describe("findNhsNumber in PID-3", () => {
  it("test data is what it claims", () => {
    expect([good, other].every(isValidNhsNumber)).toBe(true);
    expect(isValidNhsNumber(bad)).toBe(false);
  });

  const forms: [string, string][] = [
    ["authority NHS (NHS England ITK)", `${good}^^^NHS`],
    ["type NH", `${good}^^^^NH`],
    ["authority NHSNBR", `${good}^^^NHSNBR`],
    ["type NHSNMBR", `${good}^^^RXD^NHSNMBR`],
    ["authority 'NHS Number', lower case", `${good}^^^nhs number`],
    ["the NHS number OID in CX-4.2", `${good}^^^&2.16.840.1.113883.2.1.4.1&ISO`],
    ["the OID in CX-4.1 as a urn", `${good}^^^urn:oid:2.16.840.1.113883.2.1.4.1`],
    ["spaced as printed on a card", `999 001 1133^^^NHS^NH`],
  ];
  for (const [name, repetition] of forms) {
    it(`finds it by ${name}`, () => {
      expect(findNhsNumber(pid({ p3: `A1^^^RXD^MR~${repetition}` }), "PID")).toEqual({
        kind: "valid",
        nhsNumber: good,
      });
    });
  }

  it("reports a repetition failing modulus 11, naming the repetition and not the digits", () => {
    const finding = findNhsNumber(pid({ p3: `A1^^^RXD^MR~${bad}^^^NHS^NH` }), "PID");
    expect(finding).toEqual({
      kind: "invalid",
      location: "PID-3[2]",
      reason: "PID-3 repetition 2: the NHS number fails its modulus-11 check",
    });
    expect(JSON.stringify(finding)).not.toContain(bad);
  });

  it("reports two repetitions that disagree, and accepts two that agree", () => {
    expect(findNhsNumber(pid({ p3: `${good}^^^NHS~${other}^^^^NH` }), "PID")).toMatchObject({
      kind: "invalid",
      location: "PID-3",
    });
    expect(findNhsNumber(pid({ p3: `${good}^^^NHS~${good}^^^^NH` }), "PID")).toMatchObject({
      kind: "valid",
    });
  });

  it("reads the right PID of a merge", () => {
    const merge = parseHl7(
      `MSH|^~\\&|PAS|RXD01|||20261120101500||ADT^A40|C1|P|2.4\rPID|1||A1^^^RXD^MR\rMRG|B1\rPID|2||A2^^^RXD^MR~${good}^^^NHS`,
    );
    expect(findNhsNumber(merge, "PID")).toEqual({ kind: "none" });
    expect(findNhsNumber(merge, "PID[2]")).toEqual({ kind: "valid", nhsNumber: good });
  });
});

describe("findNhsNumber in PID-2 and PID-19 (older v2.3 feeds)", () => {
  it("takes a PID-2 or PID-19 that passes modulus 11 when PID-3 has no NHS repetition", () => {
    expect(findNhsNumber(pid({ p2: good, version: "2.3" }), "PID")).toEqual({
      kind: "valid",
      nhsNumber: good,
    });
    expect(findNhsNumber(pid({ p2: `${good}^^^NHS`, version: "2.3" }), "PID")).toMatchObject({
      nhsNumber: good,
    });
    expect(findNhsNumber(pid({ p19: good, version: "2.3" }), "PID")).toEqual({
      kind: "valid",
      nhsNumber: good,
    });
    expect(findNhsNumber(pid({ p2: good, p19: good }), "PID")).toMatchObject({ nhsNumber: good });
  });

  it("ignores them when PID-3 carries the NHS number", () => {
    expect(findNhsNumber(pid({ p2: other, p19: other, p3: `A1^^^RXD^MR~${good}^^^NHS` }), "PID")).toEqual({
      kind: "valid",
      nhsNumber: good,
    });
    // A failing PID-3 NHS repetition is not rescued by a PID-19 that passes.
    expect(findNhsNumber(pid({ p19: good, p3: `A1^^^RXD^MR~${bad}^^^NHS` }), "PID")).toMatchObject({
      kind: "invalid",
    });
  });

  it("quietly ignores a PID-2 or PID-19 that fails: it is some other scheme's id", () => {
    for (const value of [bad, "0493575", "LOCAL-77", "123-45-6789"]) {
      expect(findNhsNumber(pid({ p2: value, p19: value }), "PID"), value).toEqual({ kind: "none" });
    }
  });

  it("ignores a PID-2 marked with another authority or type, even if it passes", () => {
    expect(findNhsNumber(pid({ p2: `${good}^^^OTHERPAS^PI` }), "PID")).toEqual({ kind: "none" });
  });

  it("reports a PID-2 marked NHS that fails, and a PID-2 and PID-19 that disagree", () => {
    expect(findNhsNumber(pid({ p2: `${bad}^^^NHS^NH` }), "PID")).toMatchObject({
      kind: "invalid",
      location: "PID-2",
    });
    expect(findNhsNumber(pid({ p2: good, p19: other }), "PID")).toMatchObject({
      kind: "invalid",
      location: "PID-19",
      reason: "PID-2 and PID-19 carry different NHS numbers",
    });
  });
});
