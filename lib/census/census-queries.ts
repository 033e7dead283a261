/** Read side of the census for the ingest layer, tests and the benchmark (the staff UI has its own). */
import "server-only";
import { currentStayStatusesSql, type StayStatus } from "@/lib/adt/stay-status";
import type { Queryable } from "@/lib/db/types";

export interface CensusRow {
  facilityCode: string;
  wardCode: string | null;
  bed: string | null;
  room: string | null;
  mrn: string;
  nhsNumber: string | null;
  familyName: string;
  visitNumber: string;
  status: StayStatus;
  consultant: string | null;
}

/** Every stay currently on a ward list, ordered by site, ward, bed. */
export async function currentCensus(db: Queryable): Promise<CensusRow[]> {
  const { rows } = await db.query<{
    facility_code: string;
    ward_code: string | null;
    bed: string | null;
    room: string | null;
    mrn: string;
    nhs_number: string | null;
    family_name: string;
    visit_number: string;
    status: StayStatus;
    consultant: string | null;
  }>(
    `SELECT f.code AS facility_code, w.code AS ward_code, s.bed, s.room, p.mrn, p.nhs_number, p.family_name,
            s.visit_number, s.status, s.consultant
       FROM stay s
       JOIN facility f ON f.id = s.facility_id
       JOIN patient p ON p.id = s.patient_id
       LEFT JOIN ward w ON w.id = s.ward_id
      WHERE s.status IN ${currentStayStatusesSql}
      ORDER BY f.code, w.code, s.bed, s.visit_number`,
  );
  return rows.map((row) => ({
    facilityCode: row.facility_code,
    wardCode: row.ward_code,
    bed: row.bed,
    room: row.room,
    mrn: row.mrn,
    nhsNumber: row.nhs_number,
    familyName: row.family_name,
    visitNumber: row.visit_number,
    status: row.status,
    consultant: row.consultant,
  }));
}

export async function countCurrentInpatients(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM stay WHERE status IN ('admitted', 'on-leave')",
  );
  return rows[0]!.n;
}
