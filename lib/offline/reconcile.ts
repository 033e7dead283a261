/**
 * Merges one sync page into what the device holds. Pure: no Dexie, no crypto, so it is tested
 * in both directions without a database. The rules, from the contract in lib/sync/sync-types.ts:
 *
 * - An upsert replaces the held entry only when its `updatedAt` is newer. Pages can arrive late
 *   or twice (retries, two tabs); an older or equal version is ignored, so applying the same
 *   page again changes nothing.
 * - Within a page, the newest version of a stay wins.
 * - The last page of a round lists `liveStayIds`: every held stay not in it is removed
 *   (discharged, moved off the user's wards, purged), and upserts not in it are not stored.
 * - Upserts for wards outside `scope.wardIds` are never stored (defence in depth: the server
 *   should not send them).
 * - A scope version other than the cached one means the user's wards changed: wipe and resync.
 */
import type { CensusEntry, SyncPage } from "@/lib/sync/sync-types";

export interface HeldEntry {
  updatedAt: string;
}

export type ReconcilePlan = { wipe: true } | { wipe: false; put: CensusEntry[]; remove: string[] };

/** True when `candidate` is a later server time than `held`. Sub-millisecond ties fall back to text order. */
export function isNewer(candidate: string, held: string): boolean {
  const a = Date.parse(candidate);
  const b = Date.parse(held);
  if (Number.isFinite(a) && Number.isFinite(b) && a !== b) return a > b;
  return candidate > held;
}

export function reconcile(
  held: ReadonlyMap<string, HeldEntry>,
  page: SyncPage,
  cachedScopeVersion: string | null,
): ReconcilePlan {
  if (cachedScopeVersion !== null && cachedScopeVersion !== page.scope.version) return { wipe: true };

  const wardsInScope = new Set(page.scope.wardIds);
  const live = page.liveStayIds ? new Set(page.liveStayIds) : null;
  const newest = new Map<string, CensusEntry>();
  for (const entry of page.upserts) {
    if (!wardsInScope.has(entry.wardId)) continue;
    if (live && !live.has(entry.stayId)) continue;
    const known = newest.get(entry.stayId) ?? held.get(entry.stayId);
    if (known && !isNewer(entry.updatedAt, known.updatedAt)) continue;
    newest.set(entry.stayId, entry);
  }

  const remove = live ? [...held.keys()].filter((stayId) => !live.has(stayId)) : [];
  return { wipe: false, put: [...newest.values()], remove };
}
