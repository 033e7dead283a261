/**
 * What remains of a purged patient for IG (`purged_patient`, migration 0032): the old internal
 * ids, which audit rows still carry, and keyed hashes of the MRN and NHS number. The hash is
 * HMAC-SHA256 with the tombstone key (lib/runtime/app-ingest-context.ts), like the visit-number
 * tombstones: identifiers are short and structured, so an unkeyed hash could be reversed by trying
 * them all. MRNs are hashed without their facility, so one IG search by MRN finds every site.
 */
import "server-only";
import { createHmac } from "node:crypto";
import { placeholders, rowPlaceholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";

export type IdentifierKind = "nhs-number" | "mrn";

/** NHS numbers are compared as their ten digits, whatever spacing was typed. */
export function normaliseIdentifier(kind: IdentifierKind, value: string): string {
  return kind === "nhs-number" ? value.replace(/\s+/g, "") : value.trim();
}

export function identifierHash(key: string, kind: IdentifierKind, value: string): string {
  return createHmac("sha256", key)
    .update(`${kind}\u0000${normaliseIdentifier(kind, value)}`)
    .digest("hex");
}

/** Records the patient rows about to be deleted (the patient and its merge pointers), in `tx`. */
export async function recordPurgedPatients(
  tx: Queryable,
  key: string,
  patientIds: readonly string[],
): Promise<number> {
  if (patientIds.length === 0) return 0;
  const { rows } = await tx.query<{
    id: string;
    facility_id: string;
    mrn: string;
    nhs_number: string | null;
  }>(
    `SELECT id, facility_id, mrn, nhs_number FROM patient WHERE id IN (${placeholders(patientIds.length)})`,
    patientIds,
  );
  if (rows.length === 0) return 0;
  const params = rows.flatMap((row) => [
    row.id,
    row.facility_id,
    identifierHash(key, "mrn", row.mrn),
    row.nhs_number ? identifierHash(key, "nhs-number", row.nhs_number) : null,
  ]);
  const result = await tx.query(
    `INSERT INTO purged_patient (patient_id, facility_id, mrn_hash, nhs_number_hash)
     VALUES ${rowPlaceholders(rows.length, 4)} ON CONFLICT (patient_id) DO NOTHING`,
    params,
  );
  return result.rowCount;
}

export interface PurgedPatientMatch {
  patientId: string;
  facilityId: string;
  purgedAt: string;
}

/** Purged patient rows whose identifier hashes to the one searched for. */
export async function findPurgedPatients(
  db: Queryable,
  key: string,
  kind: IdentifierKind,
  value: string,
): Promise<PurgedPatientMatch[]> {
  const column = kind === "mrn" ? "mrn_hash" : "nhs_number_hash";
  const { rows } = await db.query<{ patient_id: string; facility_id: string; purged_at: Date | string }>(
    `SELECT patient_id, facility_id, purged_at FROM purged_patient WHERE ${column} = $1 ORDER BY purged_at`,
    [identifierHash(key, kind, value)],
  );
  return rows.map((row) => ({
    patientId: row.patient_id,
    facilityId: row.facility_id,
    purgedAt: new Date(row.purged_at).toISOString(),
  }));
}
