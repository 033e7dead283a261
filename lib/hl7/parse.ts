import { AppError } from "@/lib/errors";
import { hl7CharsetDecoderLabel } from "./decode-body";
import { isUsableDelimiter, readEncoding } from "./encoding";
import type { Hl7Context } from "./field";
import { Hl7Message } from "./message";
import { Hl7Segment, SEGMENT_ID } from "./segment";

/**
 * Parses one HL7 v2 message in ER7 ("pipe and hat") form, leniently, because real interfaces are:
 * - segment terminators CR (the standard terminator, chapter 2), LF or CRLF, mixed within one message;
 * - a leading UTF-8 BOM or whitespace, blank lines, and spaces or tabs at the end of a segment (dropped);
 * - whatever delimiters MSH-1/MSH-2 declare, including non-standard or incomplete MSH-2 (encoding.ts).
 * It throws AppError("bad_request") only when the text is not an HL7 v2 message at all. Everything else
 * (a missing MSH-9, odd lines) is left for the mapper to judge; leniencies are listed in `warnings`.
 * Use splitBatch (batch.ts) first for input that may hold several messages or FHS/BHS batches.
 */
export function parseHl7(text: string): Hl7Message {
  const body = text.replace(/^[\uFEFF\s]+/, "");
  if (!body.startsWith("MSH")) {
    const isBatch = body.startsWith("FHS") || body.startsWith("BHS");
    throw new AppError(
      "bad_request",
      isBatch
        ? "This is an HL7 batch (FHS/BHS); split it into messages first"
        : "Not an HL7 v2 message: it must start with an MSH segment",
      { location: "MSH" },
    );
  }
  const separator = body[3];
  if (!isUsableDelimiter(separator, [])) {
    throw new AppError("bad_request", "MSH-1 field separator is missing or not a valid delimiter", {
      location: "MSH-1",
    });
  }

  const lines = body
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[ \t]+$/, ""))
    .filter((line) => line !== "");
  const mshLine = lines[0] ?? "";
  const rawFields = mshLine.split(separator);
  const { encoding, warnings: encodingWarnings } = readEncoding(separator, rawFields[1] ?? "");
  const warnings = [...encodingWarnings];

  // MSH-18 is read before any field is unescaped because \Xhh\ escapes are bytes in that character set.
  // Split index 17 is MSH-18 (index 0 is "MSH", index 1 is MSH-2; MSH-1 is the separator itself).
  const charsetRaw = rawFields[17]?.split(encoding.repetition)[0]?.split(encoding.component)[0]?.trim() ?? "";
  const charset = charsetRaw === "" ? null : charsetRaw;
  const { label, supported } = hl7CharsetDecoderLabel(charset);
  if (!supported) warnings.push("MSH-18 names a character set that is not supported; read as UTF-8");
  const context: Hl7Context = { encoding, decoderLabel: label };

  const segments = lines.map((line, index) => {
    const segment = Hl7Segment.parse(line, context);
    if (!SEGMENT_ID.test(segment.name)) {
      warnings.push(`Segment ${index + 1} does not start with a valid segment ID`);
    } else if (index > 0 && segment.name === "MSH") {
      warnings.push(`Segment ${index + 1} starts another message; split input with splitBatch first`);
    }
    return segment;
  });
  return new Hl7Message(segments, encoding, charset, warnings);
}
