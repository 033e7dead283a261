import { formatHl7Timestamp } from "./datetime";
import { encodingCharacters, type Hl7Encoding, isCompleteEncoding, STANDARD_ENCODING } from "./encoding";
import { escapeHl7 } from "./escape";
import type { Hl7Message } from "./message";
import { toErrorLocation } from "./path";

/**
 * Builds an original-mode acknowledgement (chapter 2; segments MSA 2.15.8 and ERR 2.15.5 in v2.5):
 *   MSH  sender and receiver swapped (MSH-3/4 <-> MSH-5/6), MSH-7 now, MSH-9 ACK^<trigger>^ACK,
 *        MSH-10 our new control ID, MSH-11/12 echoed from the original
 *   MSA  MSA-1 AA/AE/AR, MSA-2 the original MSH-10, MSA-3 text (withdrawn in v2.5 but still read by
 *        older engines, so it is sent, cut to the 80 characters of a v2.3 ST)
 *   ERR  one per error in the v2.5 layout: ERR-2 location (ERL), ERR-3 code (table 0357), ERR-4 severity,
 *        ERR-8 user message; plus ERR-1 (ELD) when the original is older than v2.5, which only knows ERR-1.
 * Text is escaped with the original's delimiters, or the standard ones when the original's cannot escape
 * (no escape or subcomponent character) or there is no readable original at all.
 *
 * Only what the standard puts in those fields is echoed from the original (its first repetition, the
 * components of the field's data type, control characters removed, bounded in length), unescaped and
 * escaped again: a malformed or hostile header can never carry other bytes into the ACK.
 */

export type AckCode = "AA" | "AE" | "AR";

export interface AckError {
  /** A field path such as "PID-3" or "MSH-9.2", or just a segment ID. */
  readonly location?: string;
  /** HL7 table 0357 code; defaults to 207 for errors and 0 for warnings. */
  readonly code?: string;
  readonly message: string;
  /** ERR-4 (table 0516); defaults to W on AA (a note on an accepted message) and E otherwise. */
  readonly severity?: "E" | "W" | "I";
}

export interface BuildAckOptions {
  readonly original?: Hl7Message;
  readonly code: AckCode;
  readonly text?: string;
  readonly errors?: readonly AckError[];
  readonly controlId: string;
  readonly now: Date;
  /** Our MSH-3/4 when the original named no receiving application/facility (MSH-5/6). */
  readonly application?: string;
  readonly facility?: string;
}

/** HL7 table 0357 message error condition codes (v2.5). */
export const ERROR_CONDITIONS: Readonly<Record<string, string>> = {
  "0": "Message accepted",
  "100": "Segment sequence error",
  "101": "Required field missing",
  "102": "Data type error",
  "103": "Table value not found",
  "200": "Unsupported message type",
  "201": "Unsupported event code",
  "202": "Unsupported processing id",
  "203": "Unsupported version id",
  "204": "Unknown key identifier",
  "205": "Duplicate key identifier",
  "206": "Application record locked",
  "207": "Application internal error",
};

/** Returns the ACK as ER7 text with CR segment terminators. */
export function buildAck(options: BuildAckOptions): string {
  const { original, code, errors = [] } = options;
  const sourceEncoding = original?.encoding;
  const enc = sourceEncoding && isCompleteEncoding(sourceEncoding) ? sourceEncoding : STANDARD_ENCODING;
  const esc = (text: string) => escapeHl7(text, enc);
  const copy = (field: number, fallback = "") => {
    const echoed = echoField(original, field, enc);
    return echoed === "" ? esc(fallback) : echoed;
  };
  const trigger = original?.triggerEvent ?? "";
  const version = original?.version || "2.5";

  const segments = [
    [
      "MSH",
      encodingCharacters(enc),
      copy(5, options.application),
      copy(6, options.facility),
      copy(3),
      copy(4),
      formatHl7Timestamp(options.now),
      "",
      trigger === "" ? "ACK" : ["ACK", esc(trigger), "ACK"].join(enc.component),
      esc(options.controlId),
      copy(11, "P"),
      copy(12, "2.5"),
    ],
    ["MSA", code, copy(10), esc((options.text ?? errors[0]?.message ?? "").slice(0, 80))],
    ...errors.map((error) => errSegment(error, code, enc, isBefore25(version))),
  ];
  return segments.map((fields) => `${joinSegment(fields, enc)}\r`).join("");
}

function errSegment(error: AckError, ack: AckCode, enc: Hl7Encoding, withEld: boolean): string[] {
  const severity = error.severity ?? (ack === "AA" ? "W" : "E");
  const condition = error.code ?? (severity === "E" ? "207" : "0");
  const conditionText = ERROR_CONDITIONS[condition] ?? "";
  const esc = (text: string) => escapeHl7(text, enc);
  const location = error.location ? toErrorLocation(error.location) : null;
  const erl = location?.map(esc).join(enc.component) ?? "";
  const cwe = trimJoin([esc(condition), esc(conditionText), "HL70357"], enc.component);
  // ELD (ERR-1 before v2.5): segment ID ^ sequence ^ field position ^ code&text&table (a CE in component 4).
  const [segment = "", sequence = "", position = ""] = location ?? [];
  const ce = trimJoin([esc(condition), esc(conditionText), "HL70357"], enc.subcomponent ?? "&");
  const eld = withEld ? trimJoin([esc(segment), esc(sequence), esc(position), ce], enc.component) : "";
  return ["ERR", eld, erl, cwe, severity, "", "", "", esc(error.message)];
}

/**
 * MSH fields an ACK echoes, with the component count of their data type (v2.5 ch. 2.15.9): HD for
 * the applications and facilities, ST for the control id (MSA-2), PT and VID for processing and
 * version ids.
 */
const echoedComponents: Readonly<Record<number, number>> = { 3: 3, 4: 3, 5: 3, 6: 3, 10: 1, 11: 2, 12: 3 };
/** The longest any of those components may be (v2.7 lengths: HD 227 in all, ST control id 199). */
const MAX_ECHOED_LENGTH = 199;
// C0 and C1 control characters and DEL: never part of a header value, and unsafe in a reply.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** One MSH field of the original as the ACK may carry it; "" when absent or unreadable. */
export function echoField(original: Hl7Message | undefined, field: number, enc: Hl7Encoding): string {
  const source = original?.header.field(field);
  if (!source || source.isEmpty || source.isNull) return "";
  const repetition = source.repetition(1);
  const components = Array.from({ length: echoedComponents[field] ?? 1 }, (_, i) =>
    escapeHl7(
      repetition
        .subcomponent(i + 1, 1)
        .replace(CONTROL_CHARACTERS, "")
        .slice(0, MAX_ECHOED_LENGTH),
      enc,
    ),
  );
  return trimJoin(components, enc.component);
}

function isBefore25(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major === 2 && minor < 5;
}

function trimJoin(parts: readonly string[], separator: string): string {
  const last = parts.findLastIndex((part) => part !== "");
  return parts.slice(0, last + 1).join(separator);
}

/** Joins a segment's fields, dropping trailing empty fields. The MSH field separator is MSH-1 itself. */
function joinSegment(fields: readonly string[], enc: Hl7Encoding): string {
  return trimJoin(fields, enc.field);
}
