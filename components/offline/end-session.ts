"use client";
import { forgetCacheIdentity } from "@/lib/offline/offline-identity";
import { stopSyncing } from "@/lib/offline/sync-coordinator";
import { wipeCache } from "@/lib/offline/ward-cache";

/** The server said the session is over (revoked, expired, signed out elsewhere): nothing stays. */
export async function endSessionOnDevice(): Promise<void> {
  await stopSyncing();
  await wipeCache("session-revoked").catch(() => {});
  forgetCacheIdentity();
  window.location.assign("/sign-in?ended=1");
}
