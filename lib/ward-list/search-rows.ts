/** The search query itself: current stays whose patient matches, the user's own wards first. */
import "server-only";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import type { Queryable } from "@/lib/db/types";
import type { CensusEntry } from "@/lib/sync/sync-types";

export interface SearchRow {
  stay_id: string;
  in_scope: boolean;
  ward_id: string | null;
  ward_name: string | null;
  facility_code: string;
  bed: string | null;
  status: CensusEntry["status"];
  patient_id: string;
  mrn: string | null;
  nhs_number: string | null;
  family_name: string | null;
  given_names: string | null;
  title: string | null;
  birth_date: string | null;
  sex: string | null;
}

export async function searchRows(
  db: Queryable,
  options: { inScopeSql: string; whereSql: string; params: unknown[]; limit: number },
): Promise<SearchRow[]> {
  // Names and identifiers of patients outside scope never leave the database: those columns are
  // NULL unless the stay is on one of the user's wards.
  const guarded = (column: string, alias: string) =>
    `CASE WHEN ${options.inScopeSql} THEN ${column} END AS ${alias}`;
  const { rows } = await db.query<SearchRow>(
    `SELECT s.id AS stay_id, COALESCE(${options.inScopeSql}, false) AS in_scope, s.ward_id, w.name AS ward_name,
            f.code AS facility_code, p.id AS patient_id, s.status,
            ${guarded("s.bed", "bed")}, ${guarded("p.mrn", "mrn")}, ${guarded("p.nhs_number", "nhs_number")},
            ${guarded("p.family_name", "family_name")}, ${guarded("p.given_names", "given_names")},
            ${guarded("p.title", "title")}, ${guarded("to_char(p.birth_date, 'YYYY-MM-DD')", "birth_date")},
            ${guarded("p.sex", "sex")}
       FROM stay s
       JOIN patient p ON p.id = s.patient_id
       JOIN facility f ON f.id = s.facility_id
       LEFT JOIN ward w ON w.id = s.ward_id
      WHERE s.status IN ${currentStayStatusesSql} AND ${options.whereSql}
      ORDER BY in_scope DESC, p.family_name, p.given_names, s.id
      LIMIT ${Number(options.limit)}`,
    options.params,
  );
  return rows;
}
