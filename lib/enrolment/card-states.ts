/**
 * What became of each user's printed enrolment card, read from `totp_credential` (source
 * `printed`): the latest card a user was printed is `activated` (its first code was proved at
 * phone sign-in), `waiting` (not used yet, not expired), or `expired` (never used, past its date);
 * a user with no printed card is `none`. Cards that were superseded are deleted (re-printing,
 * activation of another credential), so only the latest remains; the audit log keeps the history.
 * Sorted and paged in SQL for the console (/admin/enrolment).
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";

export const cardStates = ["none", "waiting", "activated", "expired"] as const;
export type CardState = (typeof cardStates)[number];

export const cardSorts = ["username", "name", "state", "printed"] as const;
export type CardSort = (typeof cardSorts)[number];

export interface UserCard {
  userId: string;
  username: string;
  displayName: string;
  state: CardState;
  printedAt: Date | null;
  expiresAt: Date | null;
  activatedAt: Date | null;
  /** The user has a working phone credential of any kind (printed or set up on a ward PC). */
  phoneActive: boolean;
}

export interface CardStateQuery {
  now: Date;
  /** "FACILITY/WARD": users whose scope includes that ward, directly or through its facility. */
  ward?: string;
  /** Part of a username or display name, any case. */
  search?: string;
  state?: CardState;
  sort?: CardSort;
  descending?: boolean;
  page?: number;
  pageSize?: number;
}

export interface CardStatePage {
  cards: UserCard[];
  total: number;
  /** How many users (matching ward and search, whatever the state filter) are in each state. */
  counts: Record<CardState, number>;
}

interface CardRow {
  id: string;
  username: string;
  display_name: string;
  state: CardState;
  printed_at: Date | null;
  expires_at: Date | null;
  activated_at: Date | null;
  phone_active: boolean;
}

const orderBy: Record<CardSort, string> = {
  username: "username",
  name: "display_name",
  state: "CASE state WHEN 'expired' THEN 0 WHEN 'waiting' THEN 1 WHEN 'none' THEN 2 ELSE 3 END",
  printed: "printed_at",
};

/** `%`, `_` and `\` are LIKE wildcards; a search for them means the characters themselves. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function usersWithCards(
  ward: string | undefined,
  search: string | undefined,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = ["u.enabled"];
  if (ward) {
    const [facilityCode, wardCode] = ward.split("/");
    params.push(facilityCode, wardCode);
    where.push(`EXISTS (SELECT 1 FROM facility f JOIN ward w ON w.facility_id = f.id
                         WHERE f.code = $${params.length - 1} AND w.code = $${params.length}
                           AND (EXISTS (SELECT 1 FROM user_ward_access a WHERE a.user_id = u.id AND a.ward_id = w.id)
                             OR EXISTS (SELECT 1 FROM user_facility_access a WHERE a.user_id = u.id AND a.facility_id = f.id)))`);
  }
  if (search?.trim()) {
    params.push(likePattern(search.trim().toLowerCase()));
    where.push(`(lower(u.username) LIKE $${params.length} OR lower(u.display_name) LIKE $${params.length})`);
  }
  // `now` is always the last parameter the caller adds.
  const nowParam = `$${params.length + 1}`;
  const sql = `SELECT u.id, u.username, u.display_name,
        CASE WHEN c.id IS NULL THEN 'none'
             WHEN c.status = 'active' THEN 'activated'
             WHEN c.expires_at IS NOT NULL AND c.expires_at <= ${nowParam} THEN 'expired'
             ELSE 'waiting' END AS state,
        c.created_at AS printed_at, c.expires_at, c.activated_at,
        EXISTS (SELECT 1 FROM totp_credential a WHERE a.user_id = u.id AND a.status = 'active') AS phone_active
   FROM staff_user u
   LEFT JOIN totp_credential c ON c.id = (
        SELECT p.id FROM totp_credential p WHERE p.user_id = u.id AND p.source = 'printed'
         ORDER BY p.created_at DESC LIMIT 1)
  WHERE ${where.join(" AND ")}`;
  return { sql, params };
}

export async function listCardStates(q: Queryable, query: CardStateQuery): Promise<CardStatePage> {
  const pageSize = query.pageSize ?? 25;
  const page = Math.max(1, query.page ?? 1);
  const base = usersWithCards(query.ward, query.search);
  const params = [...base.params, query.now];
  const countRows = await q.query<{ state: CardState; n: number }>(
    `SELECT state, count(*)::int AS n FROM (${base.sql}) AS cards GROUP BY state`,
    params,
  );
  const counts: Record<CardState, number> = { none: 0, waiting: 0, activated: 0, expired: 0 };
  for (const row of countRows.rows) counts[row.state] = row.n;
  const stateFilter = query.state ? `WHERE state = $${params.length + 1}` : "";
  const filterParams = query.state ? [query.state] : [];
  const direction = query.descending ? "DESC" : "ASC";
  const { rows } = await q.query<CardRow>(
    `SELECT * FROM (${base.sql}) AS cards ${stateFilter}
      ORDER BY ${orderBy[query.sort ?? "username"]} ${direction} NULLS LAST, username ASC
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    [...params, ...filterParams],
  );
  return {
    cards: rows.map((row) => ({
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      state: row.state,
      printedAt: row.printed_at ? new Date(row.printed_at) : null,
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      activatedAt: row.activated_at ? new Date(row.activated_at) : null,
      phoneActive: row.phone_active,
    })),
    total: query.state ? counts[query.state] : Object.values(counts).reduce((sum, n) => sum + n, 0),
    counts,
  };
}
