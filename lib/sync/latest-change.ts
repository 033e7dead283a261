/**
 * A cheap "has anything changed?" for the ward list, which polls every few seconds and re-reads
 * (and re-audits) the list only when the answer changes. The token combines the latest change
 * time over current entries in scope, their count and the scope version: an admission, update
 * or new document raises the time; a discharge or transfer away lowers the count (and any change
 * that adds an entry at the same moment raises the time), so every change to the list moves it.
 * No patient data is returned, so it is not audited.
 */
import "server-only";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import type { Principal } from "@/lib/auth/principal";
import type { Queryable } from "@/lib/db/types";
import { readableWardIds, wardFilter } from "@/lib/ward-list/readable-wards";
import type { ShortCache } from "./change-token-cache";
import { scopeVersion } from "./sync-cursor";

export interface LatestChange {
  /** UTC ISO 8601 with microseconds; null when no one is on the user's wards. */
  changedAt: string | null;
  entries: number;
  scopeVersion: string;
  /** Compare this one value between polls (also usable as an HTTP ETag). */
  token: string;
}

/**
 * `onlyWard` narrows the token to one ward of the user's (an open ward list), so a change on their
 * other wards does not make it re-read, and re-audit, a list that has not changed. A ward outside
 * the scope counts nothing. The scope version still covers every ward: losing access moves it.
 */
export async function latestChange(
  db: Queryable,
  principal: Principal,
  onlyWard?: string,
  cache?: ShortCache,
): Promise<LatestChange> {
  const scope = await readableWardIds(db, principal);
  const version = scopeVersion(scope);
  const wardIds = onlyWard === undefined ? scope : scope.filter((wardId) => wardId === onlyWard);
  // Keyed by the wards alone (scope lists are sorted), so every reader of a ward shares one entry.
  const read = () => wardsChange(db, wardIds);
  const { changedAt, entries } = cache ? await cache.get(`wards:${wardIds.join(",")}`, read) : await read();
  return { changedAt, entries, scopeVersion: version, token: `${changedAt ?? "-"}.${entries}.${version}` };
}

/**
 * The wards' half of the token: one statement, an index range scan of `stay (ward_id, status)`
 * (migration 0004) over the wards' current stays, with each patient's newest document by index.
 */
async function wardsChange(db: Queryable, wardIds: readonly string[]) {
  const { rows } = await db.query<{ entries: number; changed_at: string | null }>(
    `SELECT count(*)::int AS entries,
            to_char(max(GREATEST(s.updated_at, p.updated_at,
                (SELECT max(d.received_at) FROM document d WHERE d.patient_id = s.patient_id)))
              AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS changed_at
       FROM stay s JOIN patient p ON p.id = s.patient_id
      WHERE s.status IN ${currentStayStatusesSql} AND ${wardFilter("s.ward_id", wardIds, 1)}`,
    [...wardIds],
  );
  return { changedAt: rows[0]?.changed_at ?? null, entries: Number(rows[0]?.entries ?? 0) };
}
