/**
 * Audit event ids derived from what the event is, so recording the same event again finds the
 * row already there (recordAudit's `skipDuplicates`). A device's offline read, for instance, is
 * named by the user and the random event id the device gave it, so a batch uploaded twice (two
 * tabs, a lost response) is recorded once. SHA-256 of the parts, laid out as a UUID (RFC 9562
 * section 5.8, version 8: "custom").
 */
import { createHash } from "node:crypto";

export function derivedAuditEventId(...parts: readonly string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32).split("");
  hex[12] = "8"; // version 8
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16); // variant 10xx
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}
