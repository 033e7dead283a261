import { describe, expect, it } from "vitest";
import { parseHl7 } from "@/lib/hl7/parse";
import { chooseMrn, cxIdentifiers, isNhsForm, isNhsIdentifier } from "./cx-identifiers";

// Synthetic: NHS numbers from the 999 test range.
const pid3 = (list: string) =>
  cxIdentifiers(
    parseHl7(`MSH|^~\\&|PAS|RXD01|||20261120101500||ADT^A01|C1|P|2.4\rPID|1||${list}||JONES^ALED`),
    "PID-3",
  );

describe("NHS number forms in CX-4 and CX-5", () => {
  it("recognises every form UK feeds use, ignoring case and spaces", () => {
    for (const form of [
      "NHS",
      "nhs",
      "NH",
      "NHSNBR",
      "nhsnbr",
      "NHSNMBR",
      "NHS Number",
      "nhs number",
      "NHSNumber",
      "2.16.840.1.113883.2.1.4.1",
      "urn:oid:2.16.840.1.113883.2.1.4.1",
      " HN ",
    ]) {
      expect(isNhsForm(form), form).toBe(true);
    }
    for (const other of ["MR", "RXD", "NHSBT", "2.16.840.1.113883.2.1.4.2", "PAS", ""]) {
      expect(isNhsForm(other), other).toBe(false);
    }
  });

  it("reads the authority from CX-4.1 or CX-4.2 and the type from CX-5", () => {
    const [byName, byOid, byType, local] = pid3(
      "9990011133^^^NHS~9990028451^^^&2.16.840.1.113883.2.1.4.1&ISO~9990035873^^^^NHSNBR~A1^^^RXD^MR",
    );
    expect(byOid).toMatchObject({ repetition: 2, namespace: "", universalId: "2.16.840.1.113883.2.1.4.1" });
    expect([byName!, byOid!, byType!].map(isNhsIdentifier)).toEqual([true, true, true]);
    expect(isNhsIdentifier(local!)).toBe(false);
  });

  it("keeps repetition numbers when an empty repetition is skipped", () => {
    expect(pid3("~A1^^^RXD^MR").map((cx) => [cx.id, cx.repetition])).toEqual([["A1", 2]]);
  });
});

describe("chooseMrn", () => {
  const list = pid3("R1^^^REGION^MR~9990011133^^^NHS^NH~P1^^^RXD^PI~L1^^^&1.2.826.0.1.999&ISO~X1");

  it("by default takes the first non-NHS identifier typed MR, PI or PT", () => {
    expect(chooseMrn(list)).toMatchObject({ identifier: { id: "R1" }, configuredAuthorityMissing: false });
    expect(chooseMrn(pid3("X1~P1^^^RXD^pi"))?.identifier.id).toBe("P1");
  });

  it("else the first identifier that is not an NHS number, and never the NHS number", () => {
    expect(chooseMrn(pid3("9990011133^^^NHS^NH~X1~Y1"))?.identifier.id).toBe("X1");
    expect(chooseMrn(pid3("9990011133^^^NHS^NH"))).toBeUndefined();
  });

  it("lets a configured authority (CX-4.1 or CX-4.2, any case) win over the type, in the configured order", () => {
    expect(chooseMrn(list, ["rxd"])?.identifier.id).toBe("P1");
    expect(chooseMrn(list, ["1.2.826.0.1.999"])?.identifier.id).toBe("L1");
    expect(chooseMrn(list, ["NOPE", "1.2.826.0.1.999", "RXD"])?.identifier.id).toBe("L1");
  });

  it("falls back to the default rule, saying so, when no identifier has a configured authority", () => {
    expect(chooseMrn(list, ["OTHER"])).toMatchObject({
      identifier: { id: "R1" },
      configuredAuthorityMissing: true,
    });
  });

  it("never picks an NHS-marked identifier through a configured authority", () => {
    expect(chooseMrn(pid3("9990011133^^^NHS^NH~X1"), ["NHS"])?.identifier.id).toBe("X1");
  });
});
