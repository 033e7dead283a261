import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { splitBatch } from "./batch";
import { parseHl7 } from "./parse";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/hl7v2/${name}`, import.meta.url), "utf8");

describe("parseHl7: model and accessors", () => {
  const nhs = parseHl7(fixture("nhse-itk/A01_example.txt"));

  it("numbers MSH fields as the spec does: MSH-1 separator, MSH-2 encoding characters, MSH-9 type", () => {
    const msh = nhs.header;
    expect(msh.field(1).value).toBe("|");
    expect(msh.field(2).value).toBe("^~\\&");
    expect(msh.field(9).raw).toBe("ADT^A01^ADT_A01");
    expect([nhs.messageCode, nhs.triggerEvent, nhs.messageStructure]).toEqual(["ADT", "A01", "ADT_A01"]);
    expect(nhs.controlId).toBe("1391320453338055");
    expect(nhs.version).toBe("2.4");
    expect(nhs.charset).toBe("UNICODE");
  });

  it("reads the NHS number from PID-3 (CX.1 id, CX.4 assigning authority)", () => {
    expect(nhs.get("PID-3.1")).toBe("3333333333");
    expect(nhs.get("PID-3")).toBe("3333333333");
    expect(nhs.get("PID-3.4")).toBe("NHS");
    expect(nhs.segment("PID")?.field(3).repetitions).toHaveLength(1);
  });

  it("reads names, locations and segments by ID", () => {
    expect(nhs.get("PID-5.1")).toBe("SMITH");
    expect(nhs.get("PID-5.2")).toBe("FREDRICA");
    const pv1 = nhs.segment("PV1");
    expect(pv1?.field(3).raw).toBe("RCB^OBS1^BAY2-6^RCB55");
    expect([1, 2, 3, 4].map((n) => pv1?.field(3).component(n))).toEqual(["RCB", "OBS1", "BAY2-6", "RCB55"]);
    expect(nhs.get("PV1-2")).toBe("I");
    expect(nhs.segments("ZU1")).toHaveLength(1);
    expect(nhs.segment("MRG")).toBeUndefined();
  });

  it("returns empty values, not errors, for absent segments, fields and components", () => {
    expect(nhs.get("MRG-1")).toBe("");
    expect(nhs.get("PID-99.3.2")).toBe("");
    expect(nhs.getAll("PID-99")).toEqual([]);
    expect(nhs.segment("PID")?.field(99).isEmpty).toBe(true);
  });

  it("refuses malformed paths and positions as programming errors", () => {
    expect(() => nhs.get("PID3")).toThrow(AppError);
    expect(() => nhs.get("PID-0")).toThrow(/1-based|field path/);
    expect(() => nhs.segment("PID")?.field(0)).toThrow(AppError);
  });

  it("reads repetitions, subcomponents and occurrences", () => {
    const a03 = parseHl7(fixture("hapi-hl7v2/adt_a03.txt"));
    expect(a03.getAll("PID-3")).toEqual(["5520255", "ZZZZZZ83M64Z148R", "ZZZZZZ83M64Z148R", ""]);
    expect(a03.getAll("PID-3.4")).toEqual(["PK", "CF", "SSN", ""]);
    expect(a03.get("PID-3[3].7")).toBe("20070103");
    expect(a03.get("PID-3[3].8")).toBe("99991231");
    expect(a03.getAll("PID-3[2].4")).toEqual(["CF"]);
    expect(a03.get("PV1-3.9")).toBe("MED. 1 - ONCOLOGIA");
    expect(a03.get("PV1-3.11.1")).toBe("OSPEDALE MAGGIORE DI LODI");
    expect(a03.get("PV1-3.11.2")).toBe("LODI");

    const ms = parseHl7(fixture("microsoft-fhir-converter/ADT-A01-01.hl7"));
    const pv1 = ms.segment("PV1")!;
    expect(pv1.field(3).repetition(1).subcomponents(1)).toEqual(["HUH AE OMU", "9.8", "ISO"]);
    expect(pv1.field(3).repetition(1).rawComponent(1)).toBe("HUH AE OMU&9.8&ISO");
    expect(ms.get("PV1-3.1")).toBe("HUH AE OMU");
    expect(ms.get("PV1-3.7")).toBe("Homerton UH");
    expect(ms.get("PID-5.1.5")).toBe("Aniston");
    expect(ms.getAll("PID-3.5")).toEqual(["MR", "SS"]);
    expect(ms.get("PV1-14")).toBe("NHS Provider-General (inc.A&E-this Hosp)");
    expect(pv1.field(14).raw).toBe("NHS Provider-General (inc.A\\T\\E-this Hosp)");

    const merge = parseHl7(fixture("microsoft-fhir-converter/ADT-A40-02.hl7"));
    expect(merge.get("PID-3")).toBe("12345");
    expect(merge.get("PID[2]-3")).toBe("145");
    expect(merge.get("MRG[2]-1")).toBe("569");
    expect(merge.get("PID[3]-3")).toBe("");
  });

  it('tells an HL7 null ("") apart from an empty field', () => {
    const bar = splitBatch(fixture("malformed/hapi__messages.txt")).map(parseHl7)[8]!;
    expect(bar.controlId).toBe("761994ADT30502194202");
    expect(bar.isNull("PID-7")).toBe(true);
    expect(bar.get("PID-7")).toBe("");
    expect(bar.segment("PID")?.field(7).isEmpty).toBe(false);
    expect(bar.isNull("PID-6")).toBe(false);
    expect(bar.segment("PID")?.field(6).isEmpty).toBe(true);
    const earlier = splitBatch(fixture("malformed/hapi__messages.txt")).map(parseHl7)[1]!;
    expect(earlier.isNull("PID-11.2")).toBe(true);
    expect(earlier.get("PID-11.2")).toBe("");
    expect(earlier.isNull("PID-11")).toBe(false);
    expect(earlier.get("PID-11.3")).toBe("ST.LOUIS");
  });
});

describe("parseHl7: lenient input", () => {
  it("accepts CR, LF, CRLF and a mix, with blank lines and leading whitespace", () => {
    const segments = ["MSH|^~\\&|A|B|C|D|20240101||ADT^A01|X1|P|2.4", "PID|||123^^^NHS", "PV1||I|W1^B2"];
    const variants = [
      segments.join("\r"),
      segments.join("\n"),
      `${segments.join("\r\n")}\r\n`,
      `\uFEFF \n\n${segments[0]}\r\n\r\n${segments[1]}\n${segments[2]}\r`,
    ];
    for (const text of variants) {
      const message = parseHl7(text);
      expect(message.allSegments.map((s) => s.name)).toEqual(["MSH", "PID", "PV1"]);
      expect(message.get("PV1-3.2")).toBe("B2");
      expect(message.toER7()).toBe(`${segments.join("\r")}\r`);
    }
  });

  it("trims spaces at segment end (Microsoft v2.3 file with BOM and trailing spaces)", () => {
    const message = parseHl7(fixture("malformed/microsoft__ADT01-23_utf8-bom_trailing-spaces.hl7"));
    expect(message.header.name).toBe("MSH");
    expect(message.get("MSH-12")).toBe("2.3");
    expect(message.messageStructure).toBe("");
    expect(message.triggerEvent).toBe("A01");
    expect(message.segment("PID")?.fields.at(-1)?.raw).toBe("NO");
    expect(message.get("PID-3.1")).toBe("10006579");
    expect(message.get("PV1-3")).toBe("PREOP");
    expect(message.get("PV1-44")).toBe("20050110045502+0700");
  });

  it("reads a doubled escape in MSH-2 and keeps stray literal backslashes (LinuxForHealth CRLF file)", () => {
    const message = parseHl7(fixture("malformed/linuxforhealth__sample_win.hl7"));
    expect(message.encoding).toMatchObject({ escape: "\\", subcomponent: "&" });
    expect(message.header.field(2).raw).toBe("^~\\\\&");
    expect(message.warnings.join()).toMatch(/doubled escape/);
    expect(message.charset).toBe("ASCII");
    // MSH-24 (sending network address) ends with the literal text \r" leaked from source code.
    expect(message.get("MSH-24.3")).toBe('IPv6\\r"');
    expect(message.get("PID-3.1")).toBe("PID1234");
    expect(message.getAll("PID-3.5")).toEqual(["MR", "SS"]);
    expect(message.get("PV1-2")).toBe("ff");
    expect(message.get("OBX-16[4].2")).toBe("LOTHDEW");
  });

  it("reads text literally when MSH-2 has a space as escape character (hl7-standard input)", () => {
    const message = parseHl7(fixture("malformed/hl7-standard__input.hl7"));
    expect(message.encoding.escape).toBeNull();
    expect(message.get("PID-3")).toBe("151615161");
    expect(message.get("OBX-15.2")).toBe("LAB-HMCW 81-5144 Fort Example Road, #201 Weeble Town PA 15317");
    expect(message.controlId).toBe("201103290820062979");
  });

  it("keeps a line that is not a segment and warns (amida sample6, MSH split over lines)", () => {
    const message = parseHl7(fixture("malformed/hl7__sample6.txt"));
    expect(message.get("MSH-3")).toBe("Sending");
    expect(message.get("MSH-9")).toBe("");
    expect(message.allSegments.map((s) => s.name)).toEqual(["MSH", " test", "PID", "OBR", "OBX"]);
    expect(message.warnings).toEqual(["Segment 2 does not start with a valid segment ID"]);
  });

  it("reads the other non-standard encodings of the HAPI file", () => {
    const [, bar, , threeChars] = splitBatch(fixture("malformed/hapi__messages.txt")).map(parseHl7);
    expect(bar?.encoding.subcomponent).toBe("}");
    expect(bar?.get("PID-3.3")).toBe("M10");
    expect(threeChars?.encoding).toMatchObject({ escape: "}", subcomponent: null });
    expect(threeChars?.get("PID-3")).toBe("479305169");
  });

  it("throws AppError(bad_request) for text that is not an HL7 message", () => {
    const notHl7 = [
      "",
      "   ",
      "hello world",
      "PID|||123",
      '{"resourceType":"Patient"}',
      "MSH",
      "MSHA^~\\&|x",
    ];
    for (const text of notHl7) {
      const error = (() => {
        try {
          parseHl7(text);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, text).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("bad_request");
    }
    expect(() => parseHl7(fixture("npm/hl7-standard__batch.hl7"))).toThrow(/batch/);
  });

  it("warns when a second MSH is passed to parseHl7 instead of splitBatch", () => {
    const two = `${fixture("npm/nodehl7__ADTA01.adm")}\r${fixture("npm/hl7__sample2.txt")}`;
    const message = parseHl7(two);
    expect(message.warnings.join()).toMatch(/another message/);
    expect(message.controlId).toBe("HL7MSG00001");
  });
});
