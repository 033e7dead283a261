/**
 * Facilities (sites) and their wards, in the `facility` and `ward` tables. Writes are upserts by
 * code so loading the same reference data twice changes nothing.
 */
import "server-only";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";

export interface FacilityInput {
  code: string;
  name: string;
  wards: { code: string; name: string; specialty?: string; bedCount: number }[];
}

export interface WardSummary {
  id: string;
  code: string;
  name: string;
  specialty: string | null;
  bedCount: number;
}

export interface FacilitySummary {
  id: string;
  code: string;
  name: string;
  wards: WardSummary[];
}

async function upsertFacility(tx: Queryable, facility: FacilityInput): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO facility (code, name) VALUES ($1, $2)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
     RETURNING id`,
    [facility.code, facility.name],
  );
  const facilityId = rows[0]!.id;
  for (const ward of facility.wards) {
    await tx.query(
      `INSERT INTO ward (facility_id, code, name, specialty, bed_count) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (facility_id, code) DO UPDATE
         SET name = EXCLUDED.name, specialty = EXCLUDED.specialty, bed_count = EXCLUDED.bed_count`,
      [facilityId, ward.code, ward.name, ward.specialty ?? null, ward.bedCount],
    );
  }
}

/** One transaction per facility keeps each well under DSQL's 3,000-row limit. */
export async function saveFacilities(db: Database, facilities: FacilityInput[]): Promise<void> {
  for (const facility of facilities) {
    await writeTransaction(db, (tx) => upsertFacility(tx, facility));
  }
}

export async function countFacilities(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM facility");
  return rows[0]!.n;
}

export async function listFacilitiesWithWards(db: Queryable): Promise<FacilitySummary[]> {
  const { rows } = await db.query<{
    facility_id: string;
    facility_code: string;
    facility_name: string;
    ward_id: string | null;
    ward_code: string | null;
    ward_name: string | null;
    specialty: string | null;
    bed_count: number | null;
  }>(
    `SELECT f.id AS facility_id, f.code AS facility_code, f.name AS facility_name,
            w.id AS ward_id, w.code AS ward_code, w.name AS ward_name, w.specialty, w.bed_count
       FROM facility f LEFT JOIN ward w ON w.facility_id = f.id
      ORDER BY f.code, w.name`,
  );
  const byId = new Map<string, FacilitySummary>();
  for (const row of rows) {
    let facility = byId.get(row.facility_id);
    if (!facility) {
      facility = { id: row.facility_id, code: row.facility_code, name: row.facility_name, wards: [] };
      byId.set(row.facility_id, facility);
    }
    if (row.ward_id) {
      facility.wards.push({
        id: row.ward_id,
        code: row.ward_code!,
        name: row.ward_name!,
        specialty: row.specialty,
        bedCount: row.bed_count ?? 0,
      });
    }
  }
  return [...byId.values()];
}
