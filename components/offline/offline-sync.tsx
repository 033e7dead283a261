"use client";
import { useEffect, useState } from "react";
import { type CacheError, isCacheError } from "@/lib/offline/cache-error";
import { loadSyncClient, loadWardCache } from "@/lib/offline/lazy-device-copy";
import { rememberCacheIdentity } from "@/lib/offline/offline-identity";
import { onSyncSoon, syncAllowed, trackSyncRound } from "@/lib/offline/sync-coordinator";
import type { WardCache } from "@/lib/offline/ward-cache";

/**
 * Keeps this device's encrypted copy of the user's wards current while online (at start, every
 * minute, and on reconnecting), so the lists still open with no signal. Storage problems are shown,
 * never swallowed. The sync code and Dexie load with the first round, after the page is up
 * (lib/offline/lazy-device-copy.ts): this component is in the root layout of every page.
 */
export function OfflineSync({
  userId,
  sessionId,
  intervalMs = 60_000,
}: {
  userId: string;
  sessionId: string;
  intervalMs?: number;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let running = false;
    const run = () =>
      running || stopped || !syncAllowed() || !navigator.onLine ? undefined : trackSyncRound(round());
    const round = async () => {
      running = true;
      let cache: WardCache | undefined;
      let sessionEnded: (error: unknown) => boolean = () => false;
      try {
        const [{ openWardCache }, { syncWardCache, SessionEndedError }] = await Promise.all([
          loadWardCache(),
          loadSyncClient(),
        ]);
        sessionEnded = (error) => error instanceof SessionEndedError;
        cache = await openWardCache({ userId, sessionId });
        rememberCacheIdentity({ userId, sessionId });
        await syncWardCache(cache);
        if (!stopped) setProblem(null);
        const rounds = Number(document.documentElement.dataset.offlineRounds ?? 0) + 1;
        document.documentElement.dataset.offlineRounds = String(rounds);
      } catch (error) {
        // syncWardCache has already wiped the copy; the sign-in page says the session ended.
        if (sessionEnded(error)) window.location.assign("/sign-in?ended=1");
        else if (isCacheError(error)) setProblem((error as CacheError).message);
        // Network errors: the freshness badge says offline; the next round retries.
      } finally {
        // Closed between rounds: an open connection would block the wipe on sign-out.
        cache?.db.close();
        running = false;
      }
    };
    // The first round waits for an idle moment: the screen's own data comes first, and on a
    // phone's slow CPU encrypting the whole ward must not hold up the list the nurse opened.
    const idle = window.requestIdleCallback?.(() => run(), { timeout: 3_000 });
    const start = idle === undefined ? setTimeout(run, 1_000) : undefined;
    // The feed holds back changes younger than a few seconds (lib/sync/sync-feed.ts); a second
    // round soon after the first picks them up instead of a minute later.
    const followUp = setTimeout(run, 8_000);
    const timer = setInterval(run, intervalMs);
    window.addEventListener("online", run);
    // A change seen on screen reaches the feed once it has settled (a few seconds): sync after that.
    let soon: ReturnType<typeof setTimeout> | undefined;
    const stopListening = onSyncSoon(() => {
      clearTimeout(soon);
      soon = setTimeout(run, 6_000);
    });
    return () => {
      stopped = true;
      if (idle !== undefined) window.cancelIdleCallback(idle);
      clearTimeout(start);
      stopListening();
      clearTimeout(soon);
      clearTimeout(followUp);
      clearInterval(timer);
      window.removeEventListener("online", run);
    };
  }, [userId, sessionId, intervalMs]);
  return problem ? (
    <p
      role="alert"
      className="mx-auto max-w-6xl rounded border border-red-300 bg-red-50 px-4 py-2 text-red-900"
    >
      Offline copy not saved: {problem}
    </p>
  ) : null;
}
