/**
 * The reason text kept with a rejection (`feed_rejection.reason`). ACK texts name segments,
 * fields and rules, never values from the message (lib/adt/hl7/nhs-identifiers.ts, mapping-result.ts
 * and the MDM mapper are written that way, and an internal error is answered generically). As a
 * second line of defence this also masks any run of six or more digits (an NHS number, an MRN, a
 * date of birth written as digits) and bounds the length, so a future message that did echo a
 * value would not put an identifier on the feed page. Pure: no I/O.
 */

export const maxReasonLength = 300;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const controlCharacters = /[\u0000-\u001f\u007f]+/g;

export function feedRejectionReason(text: string | undefined): string {
  const reason = (text ?? "")
    .replace(controlCharacters, " ")
    .replace(/\d{6,}/g, "[number]")
    .trim();
  if (!reason) return "No reason given";
  return reason.length > maxReasonLength ? `${reason.slice(0, maxReasonLength - 1)}…` : reason;
}
