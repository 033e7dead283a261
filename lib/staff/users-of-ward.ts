/** Enabled users whose scope covers a ward, directly or through its facility (for printing enrolment cards). */
import "server-only";
import type { Queryable } from "@/lib/db/types";

export async function usersOfWard(db: Queryable, wardPath: string): Promise<string[]> {
  const [facilityCode, wardCode] = wardPath.split("/");
  const { rows } = await db.query<{ id: string }>(
    `SELECT DISTINCT u.id, u.username
       FROM staff_user u
       JOIN facility f ON f.code = $1
       JOIN ward w ON w.facility_id = f.id AND w.code = $2
      WHERE u.enabled
        AND (EXISTS (SELECT 1 FROM user_ward_access a WHERE a.user_id = u.id AND a.ward_id = w.id)
          OR EXISTS (SELECT 1 FROM user_facility_access a WHERE a.user_id = u.id AND a.facility_id = f.id))
      ORDER BY u.username`,
    [facilityCode, wardCode],
  );
  return rows.map((row) => row.id);
}
