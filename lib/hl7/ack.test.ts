import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildAck } from "./ack";
import { splitBatch } from "./batch";
import { parseHl7 } from "./parse";

const fixture = (name: string) =>
  parseHl7(readFileSync(new URL(`../../test/fixtures/hl7v2/${name}`, import.meta.url), "utf8"));
const now = new Date("2024-07-01T11:05:09Z");

describe("buildAck", () => {
  it("acknowledges an NHS ITK A01: swapped sender/receiver, MSA-2 echoes MSH-10", () => {
    const original = fixture("nhse-itk/A01_example.txt");
    const text = buildAck({ original, code: "AA", controlId: "ACK-1", now });
    expect(text.endsWith("\r")).toBe(true);
    expect(text.split("\r")).toHaveLength(3);
    const ack = parseHl7(text);
    expect(ack.header.toER7()).toBe(
      "MSH|^~\\&|ROUTE|ROUTE|PAS|RCB|20240701110509+0000||ACK^A01^ACK|ACK-1|P|2.4",
    );
    expect(ack.segment("MSA")?.toER7()).toBe("MSA|AA|1391320453338055");
    expect(ack.segments("ERR")).toHaveLength(0);
  });

  it("rejects with one ERR per error in the v2.5 layout (Microsoft v2.8 A01)", () => {
    const original = fixture("microsoft-fhir-converter/ADT-A01-01.hl7");
    const ack = parseHl7(
      buildAck({
        original,
        code: "AR",
        text: "Rejected",
        errors: [
          { location: "PID-3", code: "101", message: "Patient identifier missing" },
          { location: "PV1-3.1", code: "102", message: "Bad ward" },
        ],
        controlId: "ACK-2",
        now,
      }),
    );
    // HD components of MSH-3..6 survive the swap.
    expect(ack.get("MSH-3")).toBe("EHRApp");
    expect(ack.get("MSH-6.2")).toBe("2.16.840.1.122848.1.30");
    expect(ack.get("MSH-5")).toBe("ADTApp");
    expect(ack.header.field(9).raw).toBe("ACK^A01^ACK");
    expect(ack.get("MSA-1")).toBe("AR");
    expect(ack.get("MSA-2")).toBe("MSG00001");
    expect(ack.get("MSA-3")).toBe("Rejected");
    const errs = ack.segments("ERR");
    expect(errs.map((e) => e.toER7())).toEqual([
      "ERR||PID^1^3|101^Required field missing^HL70357|E||||Patient identifier missing",
      "ERR||PV1^1^3^1^1|102^Data type error^HL70357|E||||Bad ward",
    ]);
  });

  it("adds ERR-1 for originals older than v2.5 (NHS ITK v2.4)", () => {
    const original = fixture("nhse-itk/A03_example.txt");
    const ack = parseHl7(
      buildAck({
        original,
        code: "AE",
        errors: [{ location: "PV1-3", code: "101", message: "No ward" }],
        controlId: "3",
        now,
      }),
    );
    expect(ack.segment("ERR")?.field(1).raw).toBe("PV1^1^3^101&Required field missing&HL70357");
    expect(ack.get("ERR-2.1")).toBe("PV1");
    expect(ack.get("MSA-3")).toBe("No ward");
    const noField = parseHl7(
      buildAck({
        original,
        code: "AR",
        errors: [{ location: "MSH", code: "100", message: "x" }],
        controlId: "3",
        now,
      }),
    );
    expect(noField.segment("ERR")?.field(1).raw).toBe("MSH^1^^100&Segment sequence error&HL70357");
  });

  it("marks notes on an accepted message as warnings", () => {
    const original = fixture("nhse-itk/A08_example.txt");
    const ack = parseHl7(
      buildAck({
        original,
        code: "AA",
        errors: [{ location: "PID-7", message: "DOB unreadable" }],
        controlId: "4",
        now,
      }),
    );
    expect(ack.get("ERR-4")).toBe("W");
    expect(ack.segment("ERR")?.field(3).raw).toBe("0^Message accepted^HL70357");
  });

  it("escapes text with the original's encoding characters", () => {
    const [, bar] = splitBatch(
      readFileSync(
        new URL("../../test/fixtures/hl7v2/malformed/hapi__messages.txt", import.meta.url),
        "utf8",
      ),
    ).map(parseHl7);
    const hostile = "Ward A|B ^x~y \\z & }w\nnext";
    const text = buildAck({
      original: bar,
      code: "AE",
      text: hostile,
      errors: [{ message: hostile }],
      controlId: "5",
      now,
    });
    const ack = parseHl7(text);
    expect(ack.header.field(2).raw).toBe("^~\\}");
    expect(text).toContain("Ward A\\F\\B \\S\\x\\R\\y \\E\\z & \\T\\w\\.br\\next");
    expect(ack.get("MSA-3")).toBe(hostile.slice(0, 80));
    expect(ack.get("ERR-8")).toBe(hostile);
    expect(ack.get("MSA-2")).toBe("589888ADT30502184808");
    expect(ack.get("MSH-12")).toBe("2.4");
  });

  it("falls back to standard delimiters when the original's cannot escape (3-char ^~})", () => {
    const [, , , threeChars] = splitBatch(
      readFileSync(
        new URL("../../test/fixtures/hl7v2/malformed/hapi__messages.txt", import.meta.url),
        "utf8",
      ),
    ).map(parseHl7);
    expect(threeChars?.encoding.subcomponent).toBeNull();
    const ack = parseHl7(buildAck({ original: threeChars, code: "AA", text: "a&b", controlId: "6", now }));
    expect(ack.header.field(2).raw).toBe("^~\\&");
    expect(ack.get("MSA-3")).toBe("a&b");
    expect(ack.get("MSA-2")).toBe("908594ADT30502185327");
    expect(ack.get("MSH-3")).toBe("RADIOLOGY");
  });

  it("cuts MSA-3 to the 80 characters of a v2.3 ST but keeps the full text in ERR-8", () => {
    const long = `${"x".repeat(79)}|${"y".repeat(20)}`;
    const ack = parseHl7(buildAck({ code: "AE", errors: [{ message: long }], controlId: "9", now }));
    expect(ack.get("MSA-3")).toBe(long.slice(0, 80));
    expect(ack.get("ERR-8")).toBe(long);
    expect(ack.get("ERR-3")).toBe("207");
  });

  it("works with no original (unreadable input)", () => {
    const text = buildAck({
      code: "AR",
      errors: [{ location: "MSH", code: "100", message: "Not an HL7 v2 message" }],
      controlId: "7",
      now,
      application: "DOWNTIME",
      facility: "RCB",
    });
    const ack = parseHl7(text);
    expect(ack.header.toER7()).toBe("MSH|^~\\&|DOWNTIME|RCB|||20240701110509+0000||ACK|7|P|2.5");
    expect(ack.get("MSA-2")).toBe("");
    expect(ack.get("MSA-3")).toBe("Not an HL7 v2 message");
    expect(ack.segment("ERR")?.toER7()).toBe(
      "ERR||MSH^1|100^Segment sequence error^HL70357|E||||Not an HL7 v2 message",
    );
  });

  it("answers a message whose MSH-9 has no trigger (amida sample6) with a bare ACK", () => {
    const ack = parseHl7(
      buildAck({ original: fixture("malformed/hl7__sample6.txt"), code: "AR", controlId: "8", now }),
    );
    expect(ack.header.field(9).raw).toBe("ACK");
    expect(ack.get("MSH-5")).toBe("Sending");
  });

  it("echoes only the standard parts of a malformed header: first repetition, the type's components, no control bytes, bounded", () => {
    const hostileHeader =
      "MSH|^~\\&|PAS^1.2^ISO^EXTRA^<script>~SECOND|SITE\u0007\u001b[31m|DT||20240701||ADT^A01|" +
      `${"9".repeat(300)}^junk|P^T^extra|2.5^GBR^V1^more\rEVN|A01\r`;
    const original = parseHl7(hostileHeader);
    const text = buildAck({ original, code: "AA", controlId: "10", now });
    const ack = parseHl7(text);
    expect(ack.header.field(5).raw).toBe("PAS^1.2^ISO");
    expect(ack.get("MSH-6")).toBe("SITE[31m");
    expect(ack.header.field(11).raw).toBe("P^T");
    expect(ack.header.field(12).raw).toBe("2.5^GBR^V1");
    expect(ack.get("MSA-2")).toBe("9".repeat(199));
    expect(ack.segment("MSA")?.field(2).raw).not.toContain("junk");
    expect([...text].filter((c) => c < " " && c !== "\r")).toEqual([]);
    expect(text).not.toContain("script");
    expect(text).not.toContain("SECOND");
  });
});
