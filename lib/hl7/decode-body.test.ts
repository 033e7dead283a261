import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeHl7Body, hl7CharsetDecoderLabel, resolveHl7Charset } from "./decode-body";
import { parseHl7 } from "./parse";

const bytesOf = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/hl7v2/${name}`, import.meta.url)));

/** A message whose PID-5 holds the bytes given, with MSH-18 set to `charset`. */
const withName = (charset: string, name: number[]) =>
  new Uint8Array([
    ...new TextEncoder().encode(`MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5||||||${charset}\rPID|||1||`),
    ...name,
    0x0d,
  ]);

describe("decodeHl7Body", () => {
  it("strips a UTF-8 BOM (Microsoft ADT04-251)", () => {
    const bytes = bytesOf("microsoft-fhir-converter/ADT04-251.hl7");
    expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const text = decodeHl7Body(bytes);
    expect(text.startsWith("MSH|^~\\&|REDOX|")).toBe(true);
  });

  it("reads MSH-18 from the corpus: UNICODE (NHS ITK), ASCII (LinuxForHealth), absent", () => {
    expect(resolveHl7Charset(bytesOf("nhse-itk/A01_example.txt"))).toEqual({
      declared: "UNICODE",
      label: "utf-8",
      supported: true,
    });
    expect(resolveHl7Charset(bytesOf("malformed/linuxforhealth__sample_win.hl7")).declared).toBe("ASCII");
    expect(resolveHl7Charset(bytesOf("npm/nodehl7__ADTA01.adm")).declared).toBeNull();
    // The FHS/BHS lines come first; MSH-18 is still found on the first MSH line.
    expect(resolveHl7Charset(bytesOf("npm/hl7-standard__batch.hl7")).label).toBe("utf-8");
  });

  it("decodes UTF-8 when MSH-18 says UNICODE UTF-8 or nothing", () => {
    const renee = [0x52, 0x65, 0x6e, 0xc3, 0xa9, 0x65];
    expect(parseHl7(decodeHl7Body(withName("UNICODE UTF-8", renee))).get("PID-5")).toBe("Renée");
    expect(parseHl7(decodeHl7Body(withName("", renee))).get("PID-5")).toBe("Renée");
  });

  it("decodes Latin-1 when MSH-18 says 8859/1, so é (0xE9) is not replaced", () => {
    const text = decodeHl7Body(withName("8859/1", [0x52, 0x65, 0x6e, 0xe9, 0x65]));
    expect(parseHl7(text).get("PID-5")).toBe("Renée");
    expect(parseHl7(text).charset).toBe("8859/1");
    // The same bytes read as UTF-8 would be damaged: this is what MSH-18 protects against.
    expect(decodeHl7Body(withName("UNICODE UTF-8", [0xe9]))).toContain("\uFFFD");
  });

  it("decodes UTF-16 with a BOM, which cannot be scanned as ASCII", () => {
    const text = "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|||1||Zoë\r";
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
    expect(decodeHl7Body(utf16)).toBe(text);
  });

  it("falls back to UTF-8 for character sets it does not decode, and says so", () => {
    expect(hl7CharsetDecoderLabel("UNICODE UTF-32")).toEqual({ label: "utf-8", supported: false });
    expect(resolveHl7Charset(withName("ISO IR87", [0x41])).supported).toBe(false);
    expect(parseHl7(decodeHl7Body(withName("ISO IR87", [0x41]))).warnings.join()).toMatch(/MSH-18/);
  });

  it("maps the table 0211 names it supports", () => {
    expect(hl7CharsetDecoderLabel("8859/2").label).toBe("iso-8859-2");
    expect(hl7CharsetDecoderLabel("8859/15").label).toBe("iso-8859-15");
    expect(hl7CharsetDecoderLabel("GB 18030-2000").label).toBe("gb18030");
    expect(hl7CharsetDecoderLabel(" unicode utf-8 ").label).toBe("utf-8");
    expect(hl7CharsetDecoderLabel("8859/12").supported).toBe(false);
  });
});
