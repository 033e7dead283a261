/**
 * The console's staff table as a query, in pure functions: what the page's searchParams may say
 * (search, role, ward, enrolment state, enabled, sort, a keyset cursor), and the SQL over
 * `staff_user` that answers it. Paging is keyset on (sort key, id), never OFFSET, so page 400 of
 * 20,000 staff costs what page 1 does: the ORDER BY follows an index (the unique username, or
 * `staff_user_display_name_idx`, migration 0031) and the database stops after `limit + 1` rows.
 */
import { type Role, roles } from "@/lib/access/roles";
import { wardCodeSchema } from "./staff-schema";

export const enrolmentStates = ["none", "pending", "active"] as const;
export type EnrolmentState = (typeof enrolmentStates)[number];

export const staffSorts = ["username", "name"] as const;
export type StaffSort = (typeof staffSorts)[number];

export const staffPageSize = 50;

export interface StaffCursor {
  /** The sort key of the row the page starts after (or before). */
  key: string;
  id: string;
}

export interface StaffListQuery {
  search?: string;
  role?: Role;
  /** FACILITY/WARD: users whose scope covers the ward, directly or through its facility. */
  ward?: string;
  enrolment?: EnrolmentState;
  enabled?: boolean;
  sort: StaffSort;
  /** Rows after this cursor (next page), or before it (previous page); never both. */
  after?: StaffCursor;
  before?: StaffCursor;
  limit: number;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: StaffCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), "utf8").toString("base64url");
}

/** A cursor from the address bar is untrusted: anything malformed reads as "no cursor". */
export function decodeCursor(text: string | undefined): StaffCursor | undefined {
  if (!text || text.length > 600) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [key, id] = value as unknown[];
    if (typeof key !== "string" || typeof id !== "string" || !uuid.test(id)) return undefined;
    return { key, id };
  } catch {
    return undefined;
  }
}

type Params = Record<string, string | string[] | undefined>;
const one = (params: Params, name: string) => {
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};
const pick = <T extends string>(allowed: readonly T[], value: string | undefined) =>
  allowed.find((item) => item === value);

/** Reads the page's searchParams; values it does not know are ignored, never an error page. */
export function parseStaffListQuery(params: Params): StaffListQuery {
  const search = one(params, "q")?.slice(0, 100);
  const ward = one(params, "ward");
  const enabled = one(params, "enabled");
  const after = decodeCursor(one(params, "after"));
  const before = after ? undefined : decodeCursor(one(params, "before"));
  return {
    ...(search ? { search } : {}),
    ...(pick(roles, one(params, "role")) ? { role: pick(roles, one(params, "role")) } : {}),
    ...(ward && wardCodeSchema.safeParse(ward).success ? { ward } : {}),
    ...(pick(enrolmentStates, one(params, "enrolment"))
      ? { enrolment: pick(enrolmentStates, one(params, "enrolment")) }
      : {}),
    ...(enabled === "yes" ? { enabled: true } : enabled === "no" ? { enabled: false } : {}),
    sort: pick(staffSorts, one(params, "sort")) ?? "username",
    ...(after ? { after } : {}),
    ...(before ? { before } : {}),
    limit: staffPageSize,
  };
}

/** The filters as searchParams again (for links that keep them: sort, paging). */
export function staffListParams(
  query: StaffListQuery,
  change: { sort?: StaffSort; after?: string; before?: string } = {},
): URLSearchParams {
  const params = new URLSearchParams();
  if (query.search) params.set("q", query.search);
  if (query.role) params.set("role", query.role);
  if (query.ward) params.set("ward", query.ward);
  if (query.enrolment) params.set("enrolment", query.enrolment);
  if (query.enabled !== undefined) params.set("enabled", query.enabled ? "yes" : "no");
  const sort = change.sort ?? query.sort;
  if (sort !== "username") params.set("sort", sort);
  if (change.after) params.set("after", change.after);
  if (change.before) params.set("before", change.before);
  return params;
}

/** The ward filter resolved to ids (or `null`: no such ward, so no user matches). */
export type WardFilter = { wardId: string; facilityId: string } | null;

export interface StaffListSql {
  /** WHERE clause over `staff_user u` (filters only: for the count). */
  filter: string;
  /** WHERE clause with the cursor, ORDER BY and LIMIT: for the page. */
  page: string;
  params: unknown[];
  /** Parameters of `filter` alone (a prefix of `params`). */
  filterParams: unknown[];
  /** True when the rows come back in reverse order (a previous page) and must be flipped. */
  reversed: boolean;
}

const activeCredential =
  "EXISTS (SELECT 1 FROM totp_credential c WHERE c.user_id = u.id AND c.status = 'active')";
const pendingCredential = (now: string) =>
  `EXISTS (SELECT 1 FROM totp_credential c WHERE c.user_id = u.id AND c.status = 'pending'
     AND (c.expires_at IS NULL OR c.expires_at > ${now}))`;

export function buildStaffListSql(
  query: StaffListQuery,
  ward: WardFilter | undefined,
  now: Date,
): StaffListSql {
  const params: unknown[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (query.search) {
    // Backslash is LIKE's escape character and also appears in every username.
    const pattern = add(`%${query.search.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`);
    where.push(`(u.username LIKE ${pattern} OR lower(u.display_name) LIKE ${pattern})`);
  }
  // roles is JSON text written by this code only (staff-write.ts): ["admin","clinician"].
  if (query.role) where.push(`u.roles LIKE ${add(`%"${query.role}"%`)}`);
  if (query.enabled !== undefined) where.push(`u.enabled = ${add(query.enabled)}`);
  if (ward === null) where.push("false");
  else if (ward) {
    where.push(
      `u.id IN (SELECT a.user_id FROM user_ward_access a WHERE a.ward_id = ${add(ward.wardId)}
        UNION SELECT a.user_id FROM user_facility_access a WHERE a.facility_id = ${add(ward.facilityId)})`,
    );
  }
  if (query.enrolment) {
    if (query.enrolment === "active") where.push(activeCredential);
    else {
      const pending = pendingCredential(add(now));
      where.push(`NOT ${activeCredential} AND ${query.enrolment === "pending" ? "" : "NOT "}${pending}`);
    }
  }
  const filterParams = [...params];
  const filter = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";

  const key = query.sort === "name" ? "u.display_name" : "u.username";
  const cursor = query.after ?? query.before;
  const reversed = !query.after && Boolean(query.before);
  const pageWhere = [...where];
  if (cursor) {
    const op = reversed ? "<" : ">";
    const k = add(cursor.key);
    // Usernames are unique, so the key alone orders; display names tie-break on id. The first
    // conjunct is the range the index scan starts from; the second drops ties already shown.
    pageWhere.push(
      query.sort === "name"
        ? `${key} ${op}= ${k} AND (${key} ${op} ${k} OR u.id ${op} ${add(cursor.id)})`
        : `${key} ${op} ${k}`,
    );
  }
  const direction = reversed ? "DESC" : "ASC";
  const order = query.sort === "name" ? `${key} ${direction}, u.id ${direction}` : `${key} ${direction}`;
  const limit = add(query.limit + 1);
  const page = `${pageWhere.length > 0 ? `WHERE ${pageWhere.join(" AND ")}` : ""} ORDER BY ${order} LIMIT ${limit}`;
  return { filter, page, params, filterParams, reversed };
}
