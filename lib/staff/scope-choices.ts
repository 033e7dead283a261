/** The wards and facilities an admin may pick from (filters, grants), by code with their names. */
import "server-only";
import type { Queryable } from "@/lib/db/types";

export interface ScopeChoices {
  wards: { code: string; name: string; facilityCode: string }[];
  facilities: { code: string; name: string }[];
}

export async function scopeChoices(db: Queryable): Promise<ScopeChoices> {
  const wards = await db.query<{ code: string; name: string; facility_code: string }>(
    `SELECT f.code || '/' || w.code AS code, w.name, f.code AS facility_code
       FROM ward w JOIN facility f ON f.id = w.facility_id ORDER BY f.code, w.code`,
  );
  const facilities = await db.query<{ code: string; name: string }>(
    "SELECT code, name FROM facility ORDER BY code",
  );
  return {
    wards: wards.rows.map((row) => ({ code: row.code, name: row.name, facilityCode: row.facility_code })),
    facilities: facilities.rows,
  };
}
