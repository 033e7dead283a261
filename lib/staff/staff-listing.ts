/**
 * One page of the console's staff table: the users (`staff_user`, keyset-paged by
 * staff-list-query.ts), and for just those rows their scope, enrolment state (`totp_credential`),
 * throttle ("locked", `sign_in_backoff`) and last sign-in (the latest `auth_session` row). Each of
 * those is one query over the page's ids, through an index, so the cost of a page does not grow
 * with the directory; only the total is counted over the filtered table.
 */
import "server-only";
import { type ThrottleStatus, throttleStatuses } from "@/lib/auth/totp/user-throttle";
import { placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import {
  buildStaffListSql,
  type EnrolmentState,
  encodeCursor,
  type StaffListQuery,
  type StaffListSql,
  type WardFilter,
} from "./staff-list-query";
import { loadStaffUsers, type StaffUser, staffUserColumns } from "./staff-user";

export interface StaffListRow extends StaffUser {
  enrolment: EnrolmentState;
  throttle: ThrottleStatus;
  lastSignInAt: Date | null;
}

export interface StaffListPage {
  rows: StaffListRow[];
  /** Users matching the filters, across every page. */
  total: number;
  /** Cursors for the `after` / `before` searchParams, or null at either end. */
  next: string | null;
  previous: string | null;
}

type Timestamp = Date | string;

export async function listStaffPage(db: Queryable, query: StaffListQuery, now: Date): Promise<StaffListPage> {
  const ward = query.ward ? await resolveWard(db, query.ward) : undefined;
  const sql = buildStaffListSql(query, ward, now);
  const { rows: raw } = await db.query<Parameters<typeof loadStaffUsers>[1][number]>(
    pageStatement(sql),
    sql.params,
  );
  const more = raw.length > query.limit;
  const kept = raw.slice(0, query.limit);
  if (sql.reversed) kept.reverse();
  const users = await loadStaffUsers(db, kept);
  const [rows, total] = await Promise.all([
    describeStaffUsers(db, users, now),
    countMatching(db, sql.filter, sql.filterParams),
  ]);
  const cursorOf = (user: StaffUser | undefined) =>
    user
      ? encodeCursor({ key: query.sort === "name" ? user.displayName : user.username, id: user.id })
      : null;
  return {
    rows,
    total,
    next: sql.reversed
      ? query.before
        ? cursorOf(users.at(-1))
        : null
      : more
        ? cursorOf(users.at(-1))
        : null,
    previous: sql.reversed ? (more ? cursorOf(users[0]) : null) : query.after ? cursorOf(users[0]) : null,
  };
}

/** Users with what the table shows beside them: enrolment state, throttle, last sign-in. */
export async function describeStaffUsers(
  db: Queryable,
  users: StaffUser[],
  now: Date,
): Promise<StaffListRow[]> {
  const ids = users.map((user) => user.id);
  const [enrolment, lastSignIn, throttle] = await Promise.all([
    enrolmentStates(db, ids, now),
    lastSignIns(db, ids),
    throttleStatuses(
      db,
      users.map((user) => user.username),
      now,
    ),
  ]);
  return users.map((user) => ({
    ...user,
    enrolment: enrolment.get(user.id) ?? "none",
    throttle: throttle.get(user.username)!,
    lastSignInAt: lastSignIn.get(user.id) ?? null,
  }));
}

/** The page's SELECT (exported for the query-plan test). */
export function pageStatement(sql: StaffListSql): string {
  return `SELECT ${staffUserColumns.replace(/(^|, )/g, "$1u.")} FROM staff_user u ${sql.page}`;
}

export async function resolveWard(db: Queryable, code: string): Promise<WardFilter> {
  const [facilityCode, wardCode] = code.split("/");
  const { rows } = await db.query<{ ward_id: string; facility_id: string }>(
    `SELECT w.id AS ward_id, f.id AS facility_id FROM ward w JOIN facility f ON f.id = w.facility_id
      WHERE f.code = $1 AND w.code = $2`,
    [facilityCode, wardCode],
  );
  const row = rows[0];
  return row ? { wardId: row.ward_id, facilityId: row.facility_id } : null;
}

async function countMatching(db: Queryable, filter: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM staff_user u ${filter}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}

/** active when any credential is active; pending when an unexpired card or enrolment waits; else none. */
async function enrolmentStates(
  db: Queryable,
  ids: string[],
  now: Date,
): Promise<Map<string, EnrolmentState>> {
  const states = new Map<string, EnrolmentState>();
  if (ids.length === 0) return states;
  const { rows } = await db.query<{ user_id: string; status: string; expires_at: Timestamp | null }>(
    `SELECT user_id, status, expires_at FROM totp_credential WHERE user_id IN (${placeholders(ids.length)})`,
    ids,
  );
  for (const row of rows) {
    if (row.status === "active") states.set(row.user_id, "active");
    else if (
      row.status === "pending" &&
      (!row.expires_at || new Date(row.expires_at) > now) &&
      states.get(row.user_id) !== "active"
    ) {
      states.set(row.user_id, "pending");
    }
  }
  return states;
}

/** max(created_at) per user: one backward probe of `auth_session_user_created_idx` each. */
async function lastSignIns(db: Queryable, ids: string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; at: Timestamp | null }>(
    `SELECT u.id, (SELECT max(s.created_at) FROM auth_session s WHERE s.user_id = u.id) AS at
       FROM staff_user u WHERE u.id IN (${placeholders(ids.length)})`,
    ids,
  );
  return new Map(rows.filter((row) => row.at).map((row) => [row.id, new Date(row.at!)]));
}
