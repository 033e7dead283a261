import { formatHl7Timestamp } from "./datetime";
import { encodingCharacters, type Hl7Encoding, isCompleteEncoding, STANDARD_ENCODING } from "./encoding";
import { escapeHl7 } from "./escape";
import type { Hl7Field } from "./field";
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
  const copy = (field: Hl7Field | undefined, fallback = "") =>
    field === undefined || field.isEmpty ? esc(fallback) : reencode(field, enc, enc === sourceEncoding);
  const msh = original?.header;
  const trigger = original?.triggerEvent ?? "";
  const version = original?.version || "2.5";

  const segments = [
    [
      "MSH",
      encodingCharacters(enc),
      copy(msh?.field(5), options.application),
      copy(msh?.field(6), options.facility),
      copy(msh?.field(3)),
      copy(msh?.field(4)),
      formatHl7Timestamp(options.now),
      "",
      trigger === "" ? "ACK" : ["ACK", esc(trigger), "ACK"].join(enc.component),
      esc(options.controlId),
      copy(msh?.field(11), "P"),
      copy(msh?.field(12), "2.5"),
    ],
    ["MSA", code, copy(msh?.field(10)), esc((options.text ?? errors[0]?.message ?? "").slice(0, 80))],
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

/** Copies a field into the ACK: raw when the delimiters are the same, else unescaped and escaped again. */
function reencode(field: Hl7Field, target: Hl7Encoding, same: boolean): string {
  if (same || field.isNull) return field.raw;
  return field.repetitions
    .map((rep) =>
      rep.components
        .map((subs, c) => subs.map((_, s) => escapeHl7(rep.subcomponent(c + 1, s + 1), target)))
        .map((subs) => subs.join(target.subcomponent ?? ""))
        .join(target.component),
    )
    .join(target.repetition);
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
