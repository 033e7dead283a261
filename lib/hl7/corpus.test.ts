import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { splitBatch } from "./batch";
import { decodeHl7Body } from "./decode-body";
import { parseHl7 } from "./parse";

/**
 * Every third-party file in test/fixtures/hl7v2 (see SOURCES.md there) goes bytes -> decodeHl7Body ->
 * splitBatch -> parseHl7 without an unexpected exception, and reprints byte for byte (medplum's habit).
 */

const root = new URL("../../test/fixtures/hl7v2/", import.meta.url);
const files = readdirSync(root, { recursive: true, encoding: "utf8" })
  .filter((name) => /\.(txt|hl7|adm)$/.test(name))
  .sort();
const read = (name: string) => decodeHl7Body(readFileSync(new URL(name, root)));

/** What the parser preserves: segments as sent, CR-terminated, minus blank lines and trailing blanks. */
const normalise = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[ \t]+$/, ""))
    .filter((line) => line !== "")
    .map((line) => `${line}\r`)
    .join("");

describe("HL7 v2 corpus", () => {
  it("holds exactly the files SOURCES.md lists, each with its source and licence", () => {
    const listed = [...readFileSync(new URL("SOURCES.md", root), "utf8").matchAll(/^\| `([^`]+)` \|/gm)]
      .map((match) => match[1]!)
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(32);
    expect(files).toEqual(listed);
  });

  it.each(files)("%s: splits and parses, or refuses with AppError(bad_request) only", (name) => {
    const texts = splitBatch(read(name));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      try {
        const message = parseHl7(text);
        expect(message.header.name).toBe("MSH");
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("bad_request");
      }
    }
  });

  it("reprints every message exactly as received once line endings are normalised", () => {
    let strict = 0;
    for (const name of files) {
      const text = read(name);
      const messages = splitBatch(text);
      for (const message of messages) {
        expect(parseHl7(message).toER7(), name).toBe(normalise(message));
      }
      // Single-message files with no blank lines or trailing blanks must come back byte for byte from the
      // raw file with only the line endings (and BOM) changed.
      const body = text.replace(/^\uFEFF/, "");
      const lineEndingsOnly = `${body.replace(/\r\n|\n/g, "\r").replace(/\r?$/, "")}\r`;
      if (messages.length === 1 && body.startsWith("MSH") && lineEndingsOnly === normalise(body)) {
        strict++;
        expect(parseHl7(body).toER7(), name).toBe(lineEndingsOnly);
      }
    }
    expect(strict).toBeGreaterThanOrEqual(20);
  });

  it("splits the multi-message HAPI file into its 18 messages, skipping comments", () => {
    const messages = splitBatch(read("malformed/hapi__messages.txt")).map(parseHl7);
    const types = messages.map((m) => m.messageCode);
    expect(types).toEqual(["ORU", "BAR", "ACK", ...Array(10).fill("BAR"), "ORM", "ORM", "ORM", "QRY", "QRY"]);
    expect(messages.every((m) => m.warnings.every((w) => !w.includes("segment ID")))).toBe(true);
    expect(messages[0]?.get("OBR-4.2")).toBe("CT CHEST");
  });

  const expected: [file: string, type: string, controlId: string, pid3: string, pv13: string | null][] = [
    ["hapi-hl7v2/ADT_A01.txt", "ADT^A01^ADT_A01", "22139243", "2216506", "ZFAST TRACK^WAITING^13"],
    ["hapi-hl7v2/adt_a03.txt", "ADT^A03", "263206", "5520255", "6402DH"],
    ["malformed/linuxforhealth__sample_unix.hl7", "ADT^A01", "102", "PID1234", "yyy"],
    [
      "malformed/microsoft__ADT01-23_utf8-bom_trailing-spaces.hl7",
      "ADT^A01",
      "599102",
      "10006579",
      "PREOP^101^1^1^^^S",
    ],
    ["microsoft-fhir-converter/ADT-A02-01.hl7", "ADT^A02^ADT_A02", "MSG00001", "PATID1234", "HUH AE OMU"],
    ["microsoft-fhir-converter/ADT-A40-02.hl7", "ADT^A40^ADT_A40", "8919-40", "12345", null],
    ["microsoft-fhir-converter/ADT04-251.hl7", "ADT^A04", "1270326314", "MRN12345", ""],
    [
      "nhse-itk/A01_example.txt",
      "ADT^A01^ADT_A01",
      "1391320453338055",
      "3333333333",
      "RCB^OBS1^BAY2-6^RCB55",
    ],
    ["nhse-itk/A03_example.txt", "ADT^A03^ADT_A03", "13403893338056", "3333333333", "RCB^OBS1^BAY2-6^RCB55"],
    [
      "nhse-itk/A04_example.txt",
      "ADT^A04^ADT_A01",
      "14038913245354",
      "3333333333",
      "West Wing^RCB-AWRD^BED2^RCB55",
    ],
    ["nhse-itk/A05_Example.txt", "ADT^A05^ADT_A05", "13403891320453338090", "3333333333", "RCB^MATWRD"],
    [
      "nhse-itk/A08_example.txt",
      "ADT^A08^ADT_A01",
      "1340389132045312",
      "3333333333",
      "East Wing^RCB-ENT^BED15^RCB55",
    ],
    ["nhse-itk/A28_Example.txt", "ADT^A28^ADT_A05", "13403891320453338075", "3333333333", null],
    ["nhse-itk/A31_example.txt", "ADT^A31^ADT_A05", "134039113204538055", "3333333333", null],
    ["nhse-itk/A40_Example.txt", "ADT^A40^ADT_A39", "13403891320453338088", "3333333333", null],
    ["npm/hl7-standard__message.hl7", "ADT^A01", "24553", "4019060", "LDR^LA1^01^NMMC^^^^^"],
    ["npm/hl7__sample2.txt", "ADT^A04", "1817457", "454721", "168 ~219~C~PMA^^^^^^^^^"],
    ["npm/nodehl7__ADTA01.adm", "ADT^A01", "HL7MSG00001", "MRN12345", "2000^2012^01"],
  ];

  it.each(expected)("%s: MSH-9 %s, MSH-10 %s, PID-3.1 %s, PV1-3 %s", (file, type, controlId, pid3, pv13) => {
    const message = parseHl7(read(file));
    expect(message.header.field(9).raw).toBe(type);
    expect(message.controlId).toBe(controlId);
    expect(message.get("PID-3.1")).toBe(pid3);
    const pv1 = message.segment("PV1");
    if (pv13 === null) expect(pv1).toBeUndefined();
    else if (pv13.includes("^")) expect(pv1?.field(3).raw).toBe(pv13);
    else expect(message.get("PV1-3.1")).toBe(pv13);
  });
});
