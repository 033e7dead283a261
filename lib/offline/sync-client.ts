/**
 * Keeps the encrypted ward cache current: pages of changes from /api/sync applied in order, then
 * queued offline reads uploaded to the audit log. A 401 means the session ended (signed out
 * elsewhere, revoked, expired): the cache is wiped at once.
 */

import type { SyncPage } from "@/lib/sync/sync-types";
import { feedSchema, type OfflineRead } from "./census-entry-schema";
import { forgetCacheIdentity } from "./offline-identity";
import * as z from "./shape";
import { syncAllowed } from "./sync-coordinator";
import { applySyncPage, drainAuditQueue, status, type WardCache, wipeCache } from "./ward-cache";

// The page is checked for shape here; each entry is validated again when read back (untrusted).
const pageSchema = z.object({
  nextCursor: z.string(),
  hasMore: z.boolean,
  serverTime: z.string(),
  completeAsOf: z.optional(z.string()),
  upserts: z.array(
    z.object({ stayId: z.string(), wardId: z.string(), updatedAt: z.string() }, { loose: true }),
  ),
  liveStayIds: z.optional(z.array(z.string())),
  scope: z.object({ wardIds: z.array(z.string()), version: z.string() }),
  cacheTtlSeconds: z.positive,
  feeds: z.optional(z.array(feedSchema)),
});

export class SessionEndedError extends Error {
  constructor() {
    super("Your session has ended; sign in again.");
    this.name = "SessionEndedError";
  }
}

async function fetchPage(cursor: string | null): Promise<SyncPage> {
  const url = cursor ? `/api/sync?cursor=${encodeURIComponent(cursor)}` : "/api/sync";
  const response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
  if (response.status === 401) throw new SessionEndedError();
  if (!response.ok) throw new Error(`Sync failed with HTTP ${response.status}`);
  return pageSchema.parse(await response.json()) as unknown as SyncPage;
}

/** Sends queued offline reads to the audit log; a 401 means this session can no longer vouch for them. */
export async function uploadOfflineReads(events: OfflineRead[]): Promise<void> {
  const response = await fetch("/api/audit/offline", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ events }),
  });
  if (response.status === 401) throw new SessionEndedError();
  if (!response.ok) throw new Error(`Audit upload failed with HTTP ${response.status}`);
}

/** One sync round; returns the cache status afterwards. */
export async function syncWardCache(cache: WardCache, now = () => Date.now()) {
  try {
    for (let round = 0; round < 100 && syncAllowed(); round++) {
      const { cursor } = await status(cache);
      const page = await fetchPage(cursor);
      if (!syncAllowed()) break; // signing out: never write after the wipe was asked for
      await applySyncPage(cache, page, now());
      if (!page.hasMore) break;
    }
    await drainAuditQueue(cache, uploadOfflineReads);
  } catch (error) {
    if (error instanceof SessionEndedError) {
      await wipeCache("session-revoked", cache);
      forgetCacheIdentity();
    }
    throw error;
  }
  return status(cache);
}
