/**
 * The record of known beds per ward (`ward_bed`, migration 0034): every bed an ADT event has named
 * (named-beds.ts), written in the delivery's own transaction, so admins never type beds in and
 * the ward list can show the ones no patient holds. Occupancy is not stored: it is the current
 * stays, so a discharge or transfer frees a bed without a write here.
 *
 * Row budget (lib/db/transaction-budget.ts): a bed already known and named within a day modifies
 * no row (ON CONFLICT ... WHERE), and one message records at most `maxBedsPerMessage` new beds, so
 * a 500-event bundle (about four rows an event) stays inside Aurora DSQL's 3,000-row limit; beds
 * past the cap are recorded when a later message names them again.
 */
import "server-only";
import { placeholders } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import { log } from "@/lib/log";
import type { KnownBed } from "@/lib/ward-list/empty-beds";
import { distinctBeds, type NamedBed } from "./named-beds";
import { facilityIdByCode } from "./reference-cache";

export const maxBedsPerMessage = 200;

/** Beds not named for this long are no longer listed (renamed, closed or a one-off code). */
export const bedMemoryDays = 60;

/** Ward ids by code for one facility; wards are never created here (a PV1-6 may name any code). */
async function wardIds(tx: Queryable, facilityId: string, codes: string[]): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ id: string; code: string }>(
    `SELECT id, code FROM ward WHERE facility_id = $1 AND code IN (${placeholders(codes.length, 2)})`,
    [facilityId, ...codes],
  );
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** Records the beds a message named on wards Downtime knows; returns how many rows it wrote. */
export async function recordNamedBeds(
  db: Database,
  tx: Queryable,
  named: readonly NamedBed[],
): Promise<number> {
  const distinct = distinctBeds(named);
  if (distinct.length === 0) return 0;
  const byFacility = new Map<string, NamedBed[]>();
  for (const bed of distinct)
    byFacility.set(bed.facilityCode, [...(byFacility.get(bed.facilityCode) ?? []), bed]);
  const rows: [string, string, string][] = [];
  for (const [facilityCode, beds] of byFacility) {
    const facilityId = await facilityIdByCode(db, tx, facilityCode);
    const wards = await wardIds(tx, facilityId, [...new Set(beds.map((bed) => bed.ward))]);
    for (const bed of beds) {
      const wardId = wards.get(bed.ward);
      if (wardId) rows.push([wardId, bed.room ?? "", bed.bed]);
    }
  }
  if (rows.length > maxBedsPerMessage) {
    // Counts only: bed and ward codes are not patient data, but one line per message is enough.
    log.warn("ingest.ward_beds.capped", { named: rows.length, recorded: maxBedsPerMessage });
  }
  const kept = rows.slice(0, maxBedsPerMessage);
  if (kept.length === 0) return 0;
  const values = kept.map(
    (_, index) => `($${index * 3 + 1}, $${index * 3 + 2}, $${index * 3 + 3}, now(), now())`,
  );
  const result = await tx.query(
    `INSERT INTO ward_bed (ward_id, room, bed, first_named_at, last_named_at) VALUES ${values.join(", ")}
     ON CONFLICT (ward_id, room, bed) DO UPDATE SET last_named_at = EXCLUDED.last_named_at
      WHERE ward_bed.last_named_at < EXCLUDED.last_named_at - interval '1 day'`,
    kept.flat(),
  );
  return result.rowCount;
}

/** The beds named on a ward in the last `bedMemoryDays`, unordered (the list sorts them). */
export async function readKnownBeds(db: Queryable, wardId: string, now: Date): Promise<KnownBed[]> {
  const since = new Date(now.getTime() - bedMemoryDays * 86_400_000);
  const { rows } = await db.query<{ room: string; bed: string }>(
    "SELECT room, bed FROM ward_bed WHERE ward_id = $1 AND last_named_at >= $2",
    [wardId, since],
  );
  return rows.map((row) => ({ room: row.room === "" ? null : row.room, bed: row.bed }));
}
