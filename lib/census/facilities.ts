/**
 * Facilities (sites) and their wards, in the `facility` and `ward` tables. Bulk writes are upserts
 * by code so loading the same reference data twice changes nothing; the one-at-a-time operator
 * changes (create, rename, add a ward) are in facility-admin.ts.
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
  /** Created by the demo seed; the local purge timer purges only these (migration 0024). */
  loadedAsDemo: boolean;
  wards: WardSummary[];
}

export interface SaveFacilitiesOptions {
  /** Marks facilities this call creates as demo data; an existing facility keeps its mark. */
  loadedAsDemo?: boolean;
}

async function upsertFacility(tx: Queryable, facility: FacilityInput, loadedAsDemo: boolean): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO facility (code, name, loaded_as_demo) VALUES ($1, $2, $3)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
     RETURNING id`,
    [facility.code, facility.name, loadedAsDemo],
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
export async function saveFacilities(
  db: Database,
  facilities: FacilityInput[],
  options: SaveFacilitiesOptions = {},
): Promise<void> {
  for (const facility of facilities) {
    await writeTransaction(db, (tx) => upsertFacility(tx, facility, options.loadedAsDemo ?? false));
  }
}

export async function countFacilities(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM facility");
  return rows[0]!.n;
}

interface FacilityWardRow {
  facility_id: string;
  facility_code: string;
  facility_name: string;
  loaded_as_demo: boolean | null;
  ward_id: string | null;
  ward_code: string | null;
  ward_name: string | null;
  specialty: string | null;
  bed_count: number | null;
}

const facilityWardSelect = `SELECT f.id AS facility_id, f.code AS facility_code, f.name AS facility_name,
        f.loaded_as_demo, w.id AS ward_id, w.code AS ward_code, w.name AS ward_name, w.specialty, w.bed_count
   FROM facility f LEFT JOIN ward w ON w.facility_id = f.id`;

function groupByFacility(rows: FacilityWardRow[]): FacilitySummary[] {
  const byId = new Map<string, FacilitySummary>();
  for (const row of rows) {
    let facility = byId.get(row.facility_id);
    if (!facility) {
      facility = {
        id: row.facility_id,
        code: row.facility_code,
        name: row.facility_name,
        loadedAsDemo: row.loaded_as_demo === true,
        wards: [],
      };
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

export async function listFacilitiesWithWards(db: Queryable): Promise<FacilitySummary[]> {
  const { rows } = await db.query<FacilityWardRow>(`${facilityWardSelect} ORDER BY f.code, w.name`);
  return groupByFacility(rows);
}

/** One facility by its site code (exact, as feeds send it), or undefined. */
export async function findFacilityWithWards(
  db: Queryable,
  code: string,
): Promise<FacilitySummary | undefined> {
  const { rows } = await db.query<FacilityWardRow>(
    `${facilityWardSelect} WHERE f.code = $1 ORDER BY w.name`,
    [code],
  );
  return groupByFacility(rows)[0];
}
