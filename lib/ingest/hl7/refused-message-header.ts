/**
 * The header of the first message in a body that was refused before it was processed, so the
 * refusal's ACK can echo MSH-10 in MSA-2 (an engine matches ACKs to messages by it; an ACK with an
 * empty MSA-2 leaves the message unanswered in its queue). Only the MSH line is parsed.
 */
import { decodeHl7Body } from "@/lib/hl7/decode-body";
import type { Hl7Message } from "@/lib/hl7/message";
import { parseHl7 } from "@/lib/hl7/parse";

export function refusedMessageHeader(bytes: Uint8Array): Hl7Message | undefined {
  if (bytes.byteLength === 0) return undefined;
  const header = decodeHl7Body(bytes)
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^[\uFEFF\s]+/, ""))
    .find((line) => line.startsWith("MSH"));
  if (!header) return undefined;
  try {
    return parseHl7(header);
  } catch {
    return undefined;
  }
}
