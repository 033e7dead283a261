/**
 * The encrypted ward cache as the UI uses it: open for a signed-in user and session, apply sync
 * pages, read wards and patients (ward-cache-read.ts), queue offline reads for the audit log
 * (offline-audit-queue.ts), and wipe. Storage failures surface as CacheError, never swallowed.
 */
import Dexie from "dexie";
import type { SyncPage } from "@/lib/sync/sync-types";
import { CacheError, guardStorage, toCacheError } from "./cache-error";
import { cacheKeyId, generateCacheKey, isUsableCacheKey, sha256Hex } from "./cache-key";
import { clearedSyncMeta, readMeta, writeMeta } from "./cache-meta";
import { documentCopyDbName } from "./document-copy-name";
import { readHeld, sealEntries } from "./entry-records";
import { reconcile } from "./reconcile";
import { WardCacheDb, wardCacheDbName } from "./ward-cache-db";

export { drainAuditQueue, queueOfflineRead } from "./offline-audit-queue";
export { type CachedWard, cachedWards, readEntry, readWard, status } from "./ward-cache-read";

export interface WardCache {
  db: WardCacheDb;
  key: CryptoKey;
  keyId: string;
  /** The session this copy was synced under; queued offline reads name it. */
  sessionId: string;
}

export type WipeReason = "sign-out" | "session-revoked" | "scope-changed" | "expired" | "corrupt";
/** `wiped`: the scope changed, so the cache was emptied before this page was applied. */
export interface ApplyResult {
  wiped: boolean;
  put: number;
  removed: number;
}

async function openDatabase(db: WardCacheDb): Promise<void> {
  // A version upgrade waits for other tabs to close the old version; say so rather than hang.
  const blocked = new Promise<never>((_, reject) =>
    db.on("blocked", () => reject(new CacheError("blocked"))),
  );
  try {
    await Promise.race([db.open(), blocked]);
  } catch (error) {
    db.close();
    throw toCacheError(error);
  }
}

/** The key for this session, generated once; a concurrent tab's key wins if it was stored first. */
async function sessionKey(db: WardCacheDb, keyId: string, now: number): Promise<CryptoKey> {
  const stored = (await db.keys.get(keyId))?.key;
  if (isUsableCacheKey(stored)) return stored;
  const fresh = await generateCacheKey();
  return db.transaction("rw", db.keys, async () => {
    const again = (await db.keys.get(keyId))?.key;
    if (isUsableCacheKey(again)) return again;
    await db.keys.put({ keyId, key: fresh, fetchedAt: now });
    return fresh;
  });
}

export async function openWardCache(options: { userId: string; sessionId: string }): Promise<WardCache> {
  const now = Date.now();
  const userIdHash = await sha256Hex(`downtime-user\u0000${options.userId}`);
  const keyId = await cacheKeyId(options.userId, options.sessionId);
  const db = new WardCacheDb(wardCacheDbName);
  await openDatabase(db);
  try {
    const meta = await guardStorage(() => readMeta(db));
    if (meta.userIdHash !== null && meta.userIdHash !== userIdHash) {
      // Someone else signed in on this device: nothing of the previous user's may remain.
      await guardStorage(() =>
        db.transaction("rw", db.tables, () => Promise.all(db.tables.map((t) => t.clear()))),
      );
    } else if (meta.keyId !== null && meta.keyId !== keyId) {
      // Same user, new session: rows sealed with the old session's key are dropped and synced
      // again; queued audit reads keep their key until uploaded (see offline-audit-queue.ts).
      await guardStorage(() =>
        db.transaction("rw", db.entries, db.meta, async () => {
          await db.entries.clear();
          await writeMeta(db, clearedSyncMeta, now);
        }),
      );
    }
    const key = await guardStorage(() => sessionKey(db, keyId, now));
    await guardStorage(() => writeMeta(db, { userIdHash, keyId }, now));
    return { db, key, keyId, sessionId: options.sessionId };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Reconcile, treating a scope change as "start from an empty cache" (see applySyncPage). */
function planPage(held: Awaited<ReturnType<typeof readHeld>>, page: SyncPage) {
  const plan = reconcile(held.held, page, held.scopeVersion);
  if (!plan.wipe) return { wiped: false, ...plan };
  const fresh = reconcile(new Map(), page, null);
  return { wiped: true, put: fresh.wipe ? [] : fresh.put, remove: [] };
}

/**
 * Applies one sync page in one transaction. Encryption happens first (WebCrypto promises would
 * let an IndexedDB transaction auto-commit), then the plan is decided again inside the
 * transaction, so a page another tab applied meanwhile is respected. The cursor advances on
 * every page; `asOf` and `expiresAt` only when the round completes (the last page), because only
 * then is the cache known to be complete.
 *
 * A new scope version clears every patient row and the sync state, then applies the page to the
 * empty cache: the server restarts from the beginning when the cursor's scope differs
 * (lib/sync/sync-feed.ts), so this page is the first of a full round. Key and audit queue stay.
 */
export async function applySyncPage(cache: WardCache, page: SyncPage, now: number): Promise<ApplyResult> {
  const { db, key } = cache;
  const draft = planPage(await guardStorage(() => readHeld(db)), page);
  const sealed = await sealEntries(key, draft.put, now);

  return guardStorage(() =>
    db.transaction("rw", db.entries, db.meta, async (): Promise<ApplyResult> => {
      const plan = planPage(await readHeld(db), page);
      if (plan.wiped) {
        await db.entries.clear();
        await writeMeta(db, clearedSyncMeta, now);
      }
      // Wanted but unsealed only if another tab removed it meanwhile: left for the next round.
      const wanted = new Set(plan.put.map((entry) => entry.stayId));
      const records = sealed.filter((record) => wanted.has(record.stayId));
      await db.entries.bulkPut(records);
      await db.entries.bulkDelete(plan.remove);
      const round = page.hasMore
        ? {}
        : {
            asOf: page.completeAsOf ?? page.serverTime,
            expiresAt: now + page.cacheTtlSeconds * 1000,
            feeds: page.feeds ?? null,
          };
      const sync = { cursor: page.nextCursor, scopeVersion: page.scope.version };
      await writeMeta(db, { ...sync, cacheTtlSeconds: page.cacheTtlSeconds, ...round }, now);
      return { wiped: plan.wiped, put: records.length, removed: plan.remove.length };
    }),
  );
}

/** Patients purged on the server (or otherwise withdrawn) leave the device at once. */
export async function removePatients(cache: WardCache, stayIds: readonly string[]): Promise<void> {
  await guardStorage(() => cache.db.entries.bulkDelete([...stayIds]));
}

/**
 * Deletes the whole database: patient rows, keys, sync state and the audit queue, and the
 * documents kept with it. Used on
 * sign-out, session revocation (the server answered 401), scope change, expiry, corruption.
 * Other tabs holding it open are closed by Dexie's versionchange handling.
 */
export async function wipeCache(reason: WipeReason, cache?: WardCache): Promise<{ reason: WipeReason }> {
  cache?.db.close();
  await guardStorage(() => Dexie.delete(wardCacheDbName));
  // The documents kept beside it (document-copy-db.ts) go with it.
  await guardStorage(() => Dexie.delete(documentCopyDbName));
  return { reason };
}
