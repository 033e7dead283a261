"use client";
import { loadWardCache } from "@/lib/offline/lazy-device-copy";
import { forgetCacheIdentity } from "@/lib/offline/offline-identity";
import { stopSyncing } from "@/lib/offline/sync-coordinator";

/** The server said the session is over (revoked, expired, signed out elsewhere): nothing stays. */
export async function endSessionOnDevice(): Promise<void> {
  await stopSyncing();
  await loadWardCache()
    .then(({ wipeCache }) => wipeCache("session-revoked"))
    .catch(() => {});
  forgetCacheIdentity();
  window.location.assign("/sign-in?ended=1");
}
