/**
 * What signing out does on the device: stop background sync, hand the reads queued while offline
 * to the audit log (they can only be vouched for by the session that received the copy, so this
 * is their last chance), then wipe the encrypted copy. The upload is bounded in time: a sign-out
 * on a dead connection must not hang, and the wipe happens whatever the upload's fate.
 */
import type { OfflineRead } from "./census-entry-schema";
import { cacheIdentity, forgetCacheIdentity } from "./offline-identity";
import { stopSyncing } from "./sync-coordinator";
import { drainAuditQueue, openWardCache, type WardCache, wipeCache } from "./ward-cache";

export type QueuedReadsFate = { uploaded: number } | "none-queued" | "not-sent";

export interface SignOutDeviceOptions {
  upload: (events: OfflineRead[]) => Promise<void>;
  /** How long the upload may take before the copy is wiped regardless. */
  uploadTimeoutMs?: number;
}

async function uploadWithin(cache: WardCache, options: SignOutDeviceOptions): Promise<QueuedReadsFate> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"not-sent">((resolve) => {
    timer = setTimeout(() => resolve("not-sent"), options.uploadTimeoutMs ?? 3_000);
  });
  try {
    const drained = drainAuditQueue(cache, options.upload).then(
      ({ uploaded }): QueuedReadsFate => (uploaded === 0 ? "none-queued" : { uploaded }),
      (): QueuedReadsFate => "not-sent",
    );
    return await Promise.race([drained, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function signOutDevice(options: SignOutDeviceOptions): Promise<QueuedReadsFate> {
  let fate: QueuedReadsFate = "not-sent";
  try {
    await stopSyncing();
    const identity = cacheIdentity();
    const cache = identity ? await openWardCache(identity) : undefined;
    if (cache) fate = await uploadWithin(cache, options);
    await wipeCache("sign-out", cache);
  } catch {
    // The server session still ends; a cache that cannot be opened holds nothing readable.
    await wipeCache("sign-out").catch(() => {});
  }
  forgetCacheIdentity();
  return fate;
}
