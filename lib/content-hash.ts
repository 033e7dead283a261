/**
 * What makes two deliveries "the same message": a SHA-256 of their content. HL7 v2 is hashed as
 * its segments, so a resend that differs only in line endings (\r, \n, \r\n), a byte-order mark
 * or trailing blank lines is the same message; JSON (FHIR, census) as parsed, so whitespace and
 * formatting do not count.
 */
import { createHash } from "node:crypto";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function hl7ContentHash(message: string): string {
  const segments = message
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .filter((segment) => segment.trim() !== "");
  return sha256(segments.join("\r"));
}

export function jsonContentHash(value: unknown): string {
  return sha256(JSON.stringify(value) ?? "undefined");
}
