/**
 * Per-ward readiness for a downtime (docs/design.md section 8): staff in scope, how many are
 * enrolled for phone sign-in and signed in lately, ward PCs seen, the last ADT event and the
 * newest document. Read from `ward`, `user_ward_access`, `user_facility_access`, `staff_user`,
 * `totp_credential`, `auth_session`, `launcher_device`, `stay` and `document`.
 *
 * Set-based: five queries, each over every ward at once (grouped by ward), merged here, so the
 * cost does not grow with a query per ward (200 wards, 20,000 staff). Staff in scope are enabled
 * users with a grant on the ward or its facility (lib/access/ward-scope.ts), each counted once.
 * "Signed in" and "PC seen" come from `auth_session` rows created in the window (indexed on
 * created_at, migration 0032): a ward PC is seen when a launcher session names it as its device.
 */
import "server-only";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import type { Queryable } from "@/lib/db/types";
import {
  hoursSince,
  percent,
  type Rating,
  type ReadinessThresholds,
  rateAtLeast,
  rateAtMost,
  worst,
} from "./readiness-rating";

export const signedInWindowDays = 30;
export const pcSeenWindowHours = 24;

export interface WardReadinessFigures {
  wardId: string;
  wardCode: string;
  wardName: string;
  facilityCode: string;
  facilityName: string;
  staff: number;
  enrolled: number;
  signedIn: number;
  pcsRegistered: number;
  pcsSeen: number;
  lastAdtEventAt: string | null;
  newestDocumentAt: string | null;
}

export interface WardReadiness extends WardReadinessFigures {
  enrolledPercent: number | null;
  signedInPercent: number | null;
  ratings: {
    enrolled: Rating;
    signedIn: Rating;
    pcs: Rating;
    adt: Rating;
    document: Rating;
    overall: Rating;
  };
}

const iso = (value: unknown) =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

export async function wardReadinessFigures(db: Queryable, now: Date): Promise<WardReadinessFigures[]> {
  const since30Days = new Date(now.getTime() - signedInWindowDays * 86_400_000);
  const since24Hours = new Date(now.getTime() - pcSeenWindowHours * 3_600_000);
  const wards = await db.query<{
    id: string;
    code: string;
    name: string;
    facility_code: string;
    facility_name: string;
  }>(
    `SELECT w.id, w.code, w.name, f.code AS facility_code, f.name AS facility_name
       FROM ward w JOIN facility f ON f.id = w.facility_id
      ORDER BY f.code, w.code`,
  );
  const staff = await db.query<{ ward_id: string; staff: number; enrolled: number; signed_in: number }>(
    `WITH scope AS (
       SELECT a.ward_id, a.user_id FROM user_ward_access a
       UNION
       SELECT w.id AS ward_id, fa.user_id FROM user_facility_access fa JOIN ward w ON w.facility_id = fa.facility_id
     ),
     enrolled AS (SELECT DISTINCT user_id FROM totp_credential WHERE status = 'active'),
     recent AS (SELECT DISTINCT user_id FROM auth_session WHERE created_at >= $1)
     SELECT s.ward_id, count(*)::int AS staff, count(e.user_id)::int AS enrolled, count(r.user_id)::int AS signed_in
       FROM scope s
       JOIN staff_user u ON u.id = s.user_id AND u.enabled
       LEFT JOIN enrolled e ON e.user_id = s.user_id
       LEFT JOIN recent r ON r.user_id = s.user_id
      GROUP BY s.ward_id`,
    [since30Days],
  );
  const pcs = await db.query<{ ward_id: string; registered: number; seen: number }>(
    `WITH seen AS (
       SELECT DISTINCT device_id FROM auth_session
        WHERE created_at >= $1 AND method = 'launcher' AND device_id IS NOT NULL
     )
     SELECT d.ward_id, count(*)::int AS registered, count(seen.device_id)::int AS seen
       FROM launcher_device d LEFT JOIN seen ON seen.device_id = d.id
      WHERE d.ward_id IS NOT NULL AND d.revoked_at IS NULL
      GROUP BY d.ward_id`,
    [since24Hours],
  );
  // The stay's ward is where it is (or was last): its latest event is the ward's latest news.
  const adt = await db.query<{ ward_id: string; last_event_at: string }>(
    "SELECT ward_id, max(last_event_at) AS last_event_at FROM stay WHERE ward_id IS NOT NULL GROUP BY ward_id",
  );
  // Documents are shown by patient on the ward list: those of patients on the ward now.
  const documents = await db.query<{ ward_id: string; produced_at: string }>(
    `SELECT s.ward_id, max(d.produced_at) AS produced_at
       FROM stay s JOIN document d ON d.patient_id = s.patient_id
      WHERE s.ward_id IS NOT NULL AND s.status IN ${currentStayStatusesSql}
      GROUP BY s.ward_id`,
  );
  const byWard = <T extends { ward_id: string }>(rows: T[]) => new Map(rows.map((row) => [row.ward_id, row]));
  const staffOf = byWard(staff.rows);
  const pcsOf = byWard(pcs.rows);
  const adtOf = byWard(adt.rows);
  const documentsOf = byWard(documents.rows);
  return wards.rows.map((ward) => ({
    wardId: ward.id,
    wardCode: ward.code,
    wardName: ward.name,
    facilityCode: ward.facility_code,
    facilityName: ward.facility_name,
    staff: staffOf.get(ward.id)?.staff ?? 0,
    enrolled: staffOf.get(ward.id)?.enrolled ?? 0,
    signedIn: staffOf.get(ward.id)?.signed_in ?? 0,
    pcsRegistered: pcsOf.get(ward.id)?.registered ?? 0,
    pcsSeen: pcsOf.get(ward.id)?.seen ?? 0,
    lastAdtEventAt: iso(adtOf.get(ward.id)?.last_event_at),
    newestDocumentAt: iso(documentsOf.get(ward.id)?.produced_at),
  }));
}

export function rateWard(
  figures: WardReadinessFigures,
  thresholds: ReadinessThresholds,
  now: Date,
): WardReadiness {
  const enrolledPercent = percent(figures.enrolled, figures.staff);
  const signedInPercent = percent(figures.signedIn, figures.staff);
  const at = (value: string | null) => (value ? new Date(value) : null);
  const enrolled = rateAtLeast(enrolledPercent, thresholds.enrolledPercent);
  const signedIn = rateAtLeast(signedInPercent, thresholds.signedInPercent);
  const pcs = rateAtLeast(figures.pcsSeen, thresholds.wardPcsSeen);
  const adt = rateAtMost(hoursSince(at(figures.lastAdtEventAt), now), thresholds.adtAgeHours);
  const document = rateAtMost(hoursSince(at(figures.newestDocumentAt), now), thresholds.documentAgeHours);
  return {
    ...figures,
    enrolledPercent,
    signedInPercent,
    ratings: {
      enrolled,
      signedIn,
      pcs,
      adt,
      document,
      overall: worst([enrolled, signedIn, pcs, adt, document]),
    },
  };
}

export async function wardReadiness(
  db: Queryable,
  thresholds: ReadinessThresholds,
  now: Date,
): Promise<WardReadiness[]> {
  return (await wardReadinessFigures(db, now)).map((figures) => rateWard(figures, thresholds, now));
}
