/**
 * The daily storage history (`storage_daily`, migration 0029): one row per facility per UTC day
 * with the documents and bytes held, written by every purge run once it has finished
 * (run-purge.ts), so the figures are what remains after that run's purge. A second run on the
 * same day replaces the row (unless it measured earlier than the row already holds, as a slow
 * concurrent run might), so the row is the day's last measurement. Every facility gets its row,
 * whatever the run's purge scope: measuring deletes nothing. Also reads the history, the purges
 * per day (purge_log) and last month's GB-months for the console's storage page.
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";
import { type CalendarMonth, daysOf, type GbMonths, gbMonths } from "./gb-months";

/** "YYYY-MM-DD" of `at` in UTC. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Writes (or replaces) today's row for every facility; returns how many rows were written. */
export async function recordStorageDay(db: Queryable, now: Date): Promise<number> {
  const result = await db.query(
    `INSERT INTO storage_daily (facility_id, day, bytes, documents, measured_at)
     SELECT f.id, $1::date, COALESCE(d.bytes, 0), COALESCE(d.documents, 0), $2
       FROM facility f
       LEFT JOIN (SELECT facility_id, sum(bytes) AS bytes, count(*)::int AS documents
                    FROM document GROUP BY facility_id) d ON d.facility_id = f.id
     ON CONFLICT (facility_id, day) DO UPDATE
       SET bytes = EXCLUDED.bytes, documents = EXCLUDED.documents, measured_at = EXCLUDED.measured_at
     WHERE storage_daily.measured_at <= EXCLUDED.measured_at`,
    [utcDay(now), now],
  );
  return result.rowCount;
}

export interface StorageDay {
  facilityId: string;
  facilityCode: string;
  /** "YYYY-MM-DD" (UTC). */
  day: string;
  bytes: number;
  documents: number;
}

/** History rows from `fromDay` to `toDay` inclusive ("YYYY-MM-DD"), by day then facility code. */
export async function storageHistory(db: Queryable, fromDay: string, toDay: string): Promise<StorageDay[]> {
  const { rows } = await db.query<{
    facility_id: string;
    code: string;
    day: string;
    bytes: string | number;
    documents: number;
  }>(
    `SELECT s.facility_id, f.code, to_char(s.day, 'YYYY-MM-DD') AS day, s.bytes, s.documents
       FROM storage_daily s JOIN facility f ON f.id = s.facility_id
      WHERE s.day >= $1::date AND s.day <= $2::date
      ORDER BY s.day, f.code`,
    [fromDay, toDay],
  );
  return rows.map((row) => ({
    facilityId: row.facility_id,
    facilityCode: row.code,
    day: row.day,
    // bigint arrives as a string from pg; a facility's bytes fit a double exactly (< 2^53).
    bytes: Number(row.bytes),
    documents: row.documents,
  }));
}

export interface PurgeDay {
  /** "YYYY-MM-DD" (UTC). */
  day: string;
  patients: number;
  documents: number;
  bytes: number;
}

/** What the purge removed per UTC day (purge_log, one row per patient purged), oldest first. */
export async function purgesPerDay(db: Queryable, from: Date, to: Date): Promise<PurgeDay[]> {
  const { rows } = await db.query<{
    day: string;
    patients: number;
    documents: number;
    bytes: string | number;
  }>(
    `SELECT to_char(purged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(patients)::int AS patients,
            sum(documents)::int AS documents, sum(bytes) AS bytes
       FROM purge_log WHERE purged_at >= $1 AND purged_at < $2
      GROUP BY 1 ORDER BY 1`,
    [from, to],
  );
  return rows.map((row) => ({ ...row, bytes: Number(row.bytes) }));
}

export interface FacilityGbMonths extends GbMonths {
  facilityId: string;
  facilityCode: string;
  facilityName: string;
}

/** GB-months of `month` per facility (every facility, even one with no rows: all days missing). */
export async function gbMonthsByFacility(db: Queryable, month: CalendarMonth): Promise<FacilityGbMonths[]> {
  const days = daysOf(month);
  const facilities = await db.query<{ id: string; code: string; name: string }>(
    "SELECT id, code, name FROM facility ORDER BY code",
  );
  const history = await storageHistory(db, days[0]!, days.at(-1)!);
  return facilities.rows.map((facility) => {
    const bytesByDay = new Map(
      history.filter((row) => row.facilityId === facility.id).map((row) => [row.day, row.bytes]),
    );
    return {
      facilityId: facility.id,
      facilityCode: facility.code,
      facilityName: facility.name,
      ...gbMonths(month, bytesByDay),
    };
  });
}
