/**
 * Keyed hash of a visit number for purge tombstones: lets ingest recognise a purged stay without
 * keeping its visit number (HMAC-SHA256; visit numbers are short, so an unkeyed hash could be
 * reversed by trying them all).
 */
import { createHmac } from "node:crypto";

export function visitHash(key: string, facilityId: string, visitNumber: string): string {
  return createHmac("sha256", key).update(`${facilityId}\u0000${visitNumber}`).digest("hex");
}
