/**
 * Reading the ward cache. Expiry is checked before anything is decrypted and holds offline:
 * past `expiresAt` nothing is shown and the expired patient rows are deleted, so they do not
 * linger on the device until the next sign-in. Before the first completed sync round the
 * cache also answers `expired` (there is no complete list to show yet). Entries sort with the
 * server's ward list order (lib/ward-list/bed-order.ts), so a list reads the same offline.
 */
import type { CensusEntry } from "@/lib/sync/sync-types";
import { byBed } from "@/lib/ward-list/bed-order";
import { guardStorage } from "./cache-error";
import { type CacheMeta, clearedSyncMeta, readMeta, writeMeta } from "./cache-meta";
import { rememberSavedFeeds } from "./connection-status";
import { openEntry } from "./entry-records";
import type { WardCache } from "./ward-cache";

export type WardRead =
  | { expired: false; entries: CensusEntry[]; asOf: string | null; expiresAt: number }
  | { expired: true };

export type EntryRead =
  | { expired: false; entry: CensusEntry | null; asOf: string | null }
  | { expired: true };

export interface CacheStatus {
  asOf: string | null;
  cursor: string | null;
  expiresAt: number | null;
  entryCount: number;
  pendingAuditReads: number;
}

/** Checks expiry; when past it, deletes the patient rows and sync state (the audit queue stays). */
async function unexpiredMeta(
  cache: WardCache,
  now: number,
): Promise<(CacheMeta & { expiresAt: number }) | null> {
  const { db } = cache;
  const meta = await guardStorage(() => readMeta(db));
  const { expiresAt } = meta;
  if (expiresAt !== null && now <= expiresAt) {
    // A screen drawn from this copy says when the hospital system last sent an update, as saved.
    rememberSavedFeeds(meta.feeds, meta.asOf);
    return { ...meta, expiresAt };
  }
  // Never completed a sync round: nothing complete to show, and a first round may be under way.
  if (expiresAt === null) return null;
  await guardStorage(() =>
    db.transaction("rw", db.entries, db.meta, async () => {
      await db.entries.clear();
      await writeMeta(db, clearedSyncMeta, now);
    }),
  );
  return null;
}

export async function readWard(cache: WardCache, wardId: string, now: number): Promise<WardRead> {
  const meta = await unexpiredMeta(cache, now);
  if (!meta) return { expired: true };
  const rows = await guardStorage(() => cache.db.entries.where("wardId").equals(wardId).toArray());
  const entries = await Promise.all(rows.map((row) => openEntry(cache.key, row)));
  return { expired: false, entries: entries.sort(byBed), asOf: meta.asOf, expiresAt: meta.expiresAt };
}

export async function readEntry(cache: WardCache, stayId: string, now: number): Promise<EntryRead> {
  const meta = await unexpiredMeta(cache, now);
  if (!meta) return { expired: true };
  const row = await guardStorage(() => cache.db.entries.get(stayId));
  return { expired: false, entry: row ? await openEntry(cache.key, row) : null, asOf: meta.asOf };
}

export interface CachedWard {
  wardId: string;
  wardName: string;
  facilityCode: string;
  patients: number;
}

/** The wards held on this device, for the offline start page. */
export async function cachedWards(
  cache: WardCache,
  now: number,
): Promise<{ expired: true } | { expired: false; wards: CachedWard[]; asOf: string | null }> {
  const meta = await unexpiredMeta(cache, now);
  if (!meta) return { expired: true };
  const rows = await guardStorage(() => cache.db.entries.toArray());
  const entries = await Promise.all(rows.map((row) => openEntry(cache.key, row)));
  const wards = new Map<string, CachedWard>();
  for (const entry of entries) {
    const ward = wards.get(entry.wardId) ?? {
      wardId: entry.wardId,
      wardName: entry.wardName,
      facilityCode: entry.facilityCode,
      patients: 0,
    };
    ward.patients++;
    wards.set(entry.wardId, ward);
  }
  return {
    expired: false,
    wards: [...wards.values()].sort((a, b) => a.wardName.localeCompare(b.wardName)),
    asOf: meta.asOf,
  };
}

export async function status(cache: WardCache): Promise<CacheStatus> {
  const { db } = cache;
  const [meta, entryCount, pendingAuditReads] = await guardStorage(() =>
    Promise.all([readMeta(db), db.entries.count(), db.auditQueue.count()]),
  );
  return { asOf: meta.asOf, cursor: meta.cursor, expiresAt: meta.expiresAt, entryCount, pendingAuditReads };
}
