/**
 * Partial acceptance: an optional field that cannot be read (a garbled PV1-44, an unknown PID-8
 * code, a consultant with no name) is dropped and reported, and the rest of the message is applied.
 * A refusal (mapping-result.ts `refuse`) is kept for what makes a message unusable: no patient
 * identifier, no visit where the event needs one, no location for an admission or transfer.
 * The mapper collects warnings in a plain array that every part of it appends to; the AA carries
 * each as an ERR segment (v2.5 section 2.15.5): ERR-2 the field, ERR-3 the table 0357 code, ERR-4 W.
 */
import type { AckError } from "@/lib/hl7/ack";
import type { Hl7ErrorCode, MappingWarning } from "./mapping-result";

/** The parser's leniencies (non-standard MSH-2, stray lines) as warnings with no field of their own. */
export function parseWarnings(texts: readonly string[]): MappingWarning[] {
  return texts.map((message) => ({ message }));
}

/** "PV1-44 (admit time) is not a valid HL7 date/time; the field was dropped". */
export function fieldDropped(
  location: string,
  label: string,
  code: Hl7ErrorCode,
  reason: string,
): MappingWarning {
  return { location, code, message: `${location} (${label}) ${reason}; the field was dropped` };
}

/** The ERR segments of an AA for these warnings (lib/hl7/ack.ts). */
export function warningsAsAckErrors(warnings: readonly MappingWarning[]): AckError[] {
  return warnings.map((warning) => ({ ...warning, code: warning.code ?? "0", severity: "W" }));
}
