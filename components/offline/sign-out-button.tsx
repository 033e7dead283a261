"use client";
import { useRef } from "react";
import { cacheIdentity, forgetCacheIdentity } from "@/lib/offline/offline-identity";
import { stopSyncing } from "@/lib/offline/sync-coordinator";
import { openWardCache, wipeCache } from "@/lib/offline/ward-cache";

/**
 * Signing out wipes this device's patient cache first (after trying to upload queued offline
 * reads), then ends the session on the server.
 */
export function SignOutButton({ action }: { action: () => Promise<void> }) {
  const form = useRef<HTMLFormElement>(null);
  const signOut = async (event: React.MouseEvent) => {
    event.preventDefault();
    try {
      await stopSyncing();
      const identity = cacheIdentity();
      const cache = identity ? await openWardCache(identity) : undefined;
      await wipeCache("sign-out", cache);
    } catch {
      // The server session still ends; a cache that cannot be opened holds nothing readable.
    }
    forgetCacheIdentity();
    form.current?.requestSubmit();
  };
  return (
    <form ref={form} action={action}>
      <button type="submit" onClick={signOut} className="rounded border border-slate-400 px-3 py-2">
        Sign out
      </button>
    </form>
  );
}
