/**
 * Storage used per facility, from the database (`document.bytes` as recorded at ingest), not by
 * listing the bucket: listing is slow and paid per request on S3, and the rows are what the
 * purge removes. Objects without a row (an upload whose transaction failed) are not counted;
 * the purge sweeps them by prefix.
 */
import "server-only";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import type { Queryable } from "@/lib/db/types";

export interface FacilityStorageUsage {
  facilityCode: string;
  facilityName: string;
  documents: number;
  bytes: number;
  /** Patients held (merge pointers are not patients). */
  patients: number;
  /** Stays currently on a ward list. */
  currentStays: number;
}

export async function storageUsageByFacility(db: Queryable): Promise<FacilityStorageUsage[]> {
  const { rows } = await db.query<{
    code: string;
    name: string;
    documents: number;
    bytes: string | number;
    patients: number;
    current_stays: number;
  }>(
    `SELECT f.code, f.name,
            COALESCE(d.documents, 0)::int AS documents, COALESCE(d.bytes, 0)::bigint AS bytes,
            COALESCE(p.patients, 0)::int AS patients, COALESCE(s.current_stays, 0)::int AS current_stays
       FROM facility f
       LEFT JOIN (SELECT facility_id, count(*) AS documents, sum(bytes) AS bytes
                    FROM document GROUP BY facility_id) d ON d.facility_id = f.id
       LEFT JOIN (SELECT facility_id, count(*) AS patients
                    FROM patient WHERE merged_into IS NULL GROUP BY facility_id) p ON p.facility_id = f.id
       LEFT JOIN (SELECT facility_id, count(*) AS current_stays
                    FROM stay WHERE status IN ${currentStayStatusesSql} GROUP BY facility_id) s ON s.facility_id = f.id
      ORDER BY f.code`,
  );
  return rows.map((row) => ({
    facilityCode: row.code,
    facilityName: row.name,
    documents: row.documents,
    // bigint arrives as a string from pg; a facility's bytes fit a double exactly (< 2^53).
    bytes: Number(row.bytes),
    patients: row.patients,
    currentStays: row.current_stays,
  }));
}
