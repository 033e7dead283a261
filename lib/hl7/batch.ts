import { AppError } from "@/lib/errors";
import { readEncoding, STANDARD_ENCODING } from "./encoding";
import type { Hl7Context } from "./field";
import { Hl7Segment } from "./segment";

/**
 * Splits input into individual messages. Accepts a single message, several MSH messages back to back,
 * or the HL7 batch protocol (chapter 2, "HL7 batch protocol"): [FHS] { [BHS] { MSH ... } [BTS] } [FTS].
 * Segment terminators may be CR, LF or CRLF; blank lines are dropped; comment lines (starting with `//`,
 * `/*` or `*`) found in test files and engine exports are dropped. Any other line that is not a segment
 * stays with its message, so parseHl7 flags it instead of it vanishing silently (it may be half of a
 * broken segment).
 */

export interface Hl7Batch {
  /** Each message as ER7 text with CR terminators, ready for parseHl7. */
  readonly messages: readonly string[];
  /** FHS (file header, 2.15.6), when present. */
  readonly fileHeader: Hl7Segment | null;
  /** BHS segments (batch headers, 2.15.2), in order. */
  readonly batchHeaders: readonly Hl7Segment[];
  /** BHS-11 batch control ID of the first batch, "" when absent. */
  readonly batchControlId: string;
  /** FHS-11 file control ID, "" when absent. */
  readonly fileControlId: string;
  /** Lines dropped: comments, or segments outside any message. */
  readonly skippedLines: number;
  /** Problems such as a BTS-1 count that does not match; no message content. */
  readonly warnings: readonly string[];
}

const SEGMENT_START = /^[A-Z][A-Z0-9]{2}(?![A-Za-z0-9])/;
const COMMENT = /^\s*(?:\/\/|\/\*|\*)/;

export function parseBatch(text: string): Hl7Batch {
  const lines = text
    .replace(/^[\uFEFF\s]+/, "")
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[ \t]+$/, ""))
    .filter((line) => line !== "");
  const messages: string[][] = [];
  const batchHeaders: Hl7Segment[] = [];
  const warnings: string[] = [];
  let fileHeader: Hl7Segment | null = null;
  let current: string[] | null = null;
  let inBatch = 0;
  let skippedLines = 0;

  for (const line of lines) {
    const id = SEGMENT_START.test(line) ? line.slice(0, 3) : null;
    if (id === "MSH") {
      current = [line];
      messages.push(current);
      inBatch++;
    } else if (id === "FHS" || id === "BHS") {
      const header = parseHeader(line);
      if (id === "FHS") fileHeader = header;
      else batchHeaders.push(header);
      current = null;
      inBatch = 0;
    } else if (id === "BTS" || id === "FTS") {
      if (id === "BTS") checkCount(line, inBatch, warnings);
      current = null;
    } else if (current !== null && (id !== null || !COMMENT.test(line))) {
      current.push(line);
    } else {
      skippedLines++;
    }
  }

  if (messages.length === 0 && fileHeader === null && batchHeaders.length === 0) {
    throw new AppError("bad_request", "No HL7 v2 message found: expected an MSH (or FHS/BHS) segment", {
      location: "MSH",
    });
  }
  return {
    messages: messages.map((segments) => `${segments.join("\r")}\r`),
    fileHeader,
    batchHeaders,
    batchControlId: batchHeaders[0]?.field(11).value ?? "",
    fileControlId: fileHeader?.field(11).value ?? "",
    skippedLines,
    warnings,
  };
}

/** The individual message texts of a single message, a batch or messages back to back. */
export function splitBatch(text: string): string[] {
  return [...parseBatch(text).messages];
}

/** FHS and BHS declare their own delimiters in field 1 and 2, exactly like MSH. */
function parseHeader(line: string): Hl7Segment {
  const separator = line[3] ?? STANDARD_ENCODING.field;
  const { encoding } = readEncoding(separator, line.slice(4).split(separator)[0] ?? "");
  const context: Hl7Context = { encoding, decoderLabel: "utf-8" };
  return Hl7Segment.parse(line, context);
}

/** BTS-1 batch message count (2.15.3) should equal the messages since the BHS. */
function checkCount(line: string, counted: number, warnings: string[]): void {
  const declared = line.slice(4).split(line[3] ?? "|")[0] ?? "";
  if (declared !== "" && Number(declared) !== counted) {
    warnings.push(`BTS-1 declares ${declared} messages but the batch holds ${counted}`);
  }
}
