import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseBatch, splitBatch } from "./batch";
import { parseHl7 } from "./parse";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/hl7v2/${name}`, import.meta.url), "utf8");

describe("splitBatch / parseBatch (HL7 batch protocol)", () => {
  it("returns a single message as one CR-terminated text", () => {
    const messages = splitBatch(fixture("npm/nodehl7__ADTA01.adm"));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.startsWith("MSH|^~\\&|EPICADT|DH|")).toBe(true);
    expect(messages[0]?.split("\r")).toHaveLength(6);
    expect(messages[0]?.includes("\n")).toBe(false);
  });

  it("unwraps the FHS/BHS ... BTS/FTS batch from hl7-standard into its two messages", () => {
    const batch = parseBatch(fixture("npm/hl7-standard__batch.hl7"));
    expect(batch.messages).toHaveLength(2);
    const [adt, rsp] = batch.messages.map(parseHl7);
    expect(adt?.header.field(9).raw).toBe("ADT^A01");
    expect(adt?.get("PID-3")).toBe("4019060");
    // The last CON of the ADT belongs to it; no FHS/BHS/BTS/FTS leaks into a message.
    expect(adt?.allSegments.map((s) => s.name).at(-1)).toBe("CON");
    expect(rsp?.header.field(9).raw).toBe("RSP^K11^RSP_K11");
    expect(rsp?.get("MSA-2")).toBe("50cbf83f-e717-4775-b0df-dfd28a616787");
    // OBX values "xMSHx" and "MSH" inside segments do not start new messages.
    expect(rsp?.segments("OBX")).toHaveLength(3);
    expect(batch.fileHeader?.field(3).value).toBe("1231");
    expect(batch.batchHeaders[0]?.field(3).value).toBe("1312");
    expect(batch.batchHeaders[0]?.field(2).value).toBe("^~\\&");
    expect(batch.batchControlId).toBe("");
    expect(batch.warnings).toEqual([]);
  });

  it("exposes BHS-11 and FHS-11 control IDs and checks BTS-1 against the messages counted", () => {
    const msh = "MSH|^~\\&|PAS|RCB|DT|DT|20240101||ADT^A01|";
    const text = [
      "FHS|^~\\&|PAS|RCB|||||||FILE-7",
      "BHS|^~\\&|PAS|RCB|||||||BATCH42",
      `${msh}M1|P|2.4`,
      "PID|||111^^^NHS",
      `${msh}M2|P|2.4`,
      "PID|||222^^^NHS",
      "BTS|3",
      "FTS|1",
    ].join("\n");
    const batch = parseBatch(text);
    expect(batch.batchControlId).toBe("BATCH42");
    expect(batch.fileControlId).toBe("FILE-7");
    expect(batch.messages.map((m) => parseHl7(m).get("PID-3"))).toEqual(["111", "222"]);
    expect(batch.warnings).toEqual(["BTS-1 declares 3 messages but the batch holds 2"]);
    expect(parseBatch(text.replace("BTS|3", "BTS|2")).warnings).toEqual([]);
  });

  it("splits several MSH messages back to back (CR, LF or mixed) and drops comment lines", () => {
    const a = fixture("nhse-itk/A01_example.txt");
    const b = fixture("npm/hl7__sample2.txt");
    const text = `// first\n${a}\r\n\r\n/* second\n * message\n */\n${b}\r`;
    const batch = parseBatch(text);
    expect(batch.messages.map((m) => parseHl7(m).controlId)).toEqual(["1391320453338055", "1817457"]);
    expect(batch.skippedLines).toBe(4);
    expect(batch.fileHeader).toBeNull();
  });

  it("keeps a non-segment line inside its message so parseHl7 can flag it", () => {
    const [message] = splitBatch(fixture("malformed/hl7__sample6.txt"));
    expect(parseHl7(message ?? "").warnings).toEqual(["Segment 2 does not start with a valid segment ID"]);
  });

  it("accepts an empty batch but refuses text with no message at all", () => {
    expect(splitBatch("FHS|^~\\&\rBHS|^~\\&\rBTS|0\rFTS|1\r")).toEqual([]);
    for (const text of ["", "hello", "PID|||1", "// only a comment"]) {
      expect(() => splitBatch(text)).toThrow(AppError);
    }
  });
});
