/**
 * The console's view of sites and wards (/admin/facilities): each facility with its ward count,
 * current patients (stays admitted or on leave) and wards awaiting review, and a sorted, paged
 * list of wards. A ward is awaiting review when the feed created it on first sight of its code
 * (`ward.created_by_ingest`, migration 0030; named by its code) and no admin has marked it
 * reviewed (`ward.reviewed_at`). Reads only.
 */
import "server-only";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import type { Queryable } from "@/lib/db/types";

export interface FacilityOverview {
  code: string;
  name: string;
  wardCount: number;
  patientCount: number;
  wardsToReview: number;
}

export interface WardOverview {
  id: string;
  facilityCode: string;
  code: string;
  name: string;
  specialty: string | null;
  bedCount: number;
  patientCount: number;
  createdByIngest: boolean;
  reviewedAt: Date | null;
  /** Created by the feed and not yet reviewed by an admin. */
  needsReview: boolean;
  createdAt: Date;
}

export const wardSorts = ["code", "name", "facility", "patients", "created"] as const;
export type WardSort = (typeof wardSorts)[number];

export interface WardQuery {
  facilityCode?: string;
  needsReviewOnly?: boolean;
  sort?: WardSort;
  descending?: boolean;
  page?: number;
  pageSize?: number;
}

const patientsPerWard = `SELECT ward_id, count(*)::int AS n FROM stay
  WHERE status IN ${currentStayStatusesSql} AND ward_id IS NOT NULL GROUP BY ward_id`;

const needsReviewSql = "(w.created_by_ingest IS TRUE AND w.reviewed_at IS NULL)";

export async function listFacilityOverview(q: Queryable): Promise<FacilityOverview[]> {
  const { rows } = await q.query<{
    code: string;
    name: string;
    ward_count: number;
    patient_count: number;
    wards_to_review: number;
  }>(
    `SELECT f.code, f.name,
            count(w.id)::int AS ward_count,
            COALESCE(sum(p.n), 0)::int AS patient_count,
            COALESCE(sum(CASE WHEN ${needsReviewSql} THEN 1 ELSE 0 END), 0)::int AS wards_to_review
       FROM facility f
       LEFT JOIN ward w ON w.facility_id = f.id
       LEFT JOIN (${patientsPerWard}) p ON p.ward_id = w.id
      GROUP BY f.code, f.name
      ORDER BY f.code`,
  );
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    wardCount: row.ward_count,
    patientCount: row.patient_count,
    wardsToReview: row.wards_to_review,
  }));
}

const orderBy: Record<WardSort, string> = {
  code: "w.code",
  name: "w.name",
  facility: "f.code",
  patients: "patient_count",
  created: "w.created_at",
};

export async function listWardOverview(
  q: Queryable,
  query: WardQuery = {},
): Promise<{ wards: WardOverview[]; total: number }> {
  const pageSize = query.pageSize ?? 25;
  const page = Math.max(1, query.page ?? 1);
  const params: unknown[] = [];
  const where: string[] = [];
  if (query.facilityCode) {
    params.push(query.facilityCode);
    where.push(`f.code = $${params.length}`);
  }
  if (query.needsReviewOnly) where.push(needsReviewSql);
  const whereSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const from = `FROM ward w JOIN facility f ON f.id = w.facility_id
                LEFT JOIN (${patientsPerWard}) p ON p.ward_id = w.id ${whereSql}`;
  const total = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
  const direction = query.descending ? "DESC" : "ASC";
  const { rows } = await q.query<{
    id: string;
    facility_code: string;
    code: string;
    name: string;
    specialty: string | null;
    bed_count: number;
    patient_count: number;
    created_by_ingest: boolean | null;
    reviewed_at: Date | null;
    created_at: Date;
  }>(
    `SELECT w.id, f.code AS facility_code, w.code, w.name, w.specialty, w.bed_count,
            COALESCE(p.n, 0)::int AS patient_count, w.created_by_ingest, w.reviewed_at, w.created_at
       ${from}
      ORDER BY ${orderBy[query.sort ?? "code"]} ${direction}, f.code, w.code
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    params,
  );
  return {
    total: total.rows[0]!.n,
    wards: rows.map((row) => ({
      id: row.id,
      facilityCode: row.facility_code,
      code: row.code,
      name: row.name,
      specialty: row.specialty,
      bedCount: row.bed_count,
      patientCount: row.patient_count,
      createdByIngest: row.created_by_ingest === true,
      reviewedAt: row.reviewed_at ? new Date(row.reviewed_at) : null,
      needsReview: row.created_by_ingest === true && row.reviewed_at === null,
      createdAt: new Date(row.created_at),
    })),
  };
}
