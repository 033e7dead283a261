/**
 * Sign-out and background sync on one page must not race: a sync round still running when the
 * cache is wiped would write the patient list straight back. Sign-out stops new rounds and waits
 * for the running one before wiping.
 */
let stopped = false;
let running: Promise<unknown> | null = null;

export function syncAllowed(): boolean {
  return !stopped;
}

export function trackSyncRound<T>(round: Promise<T>): Promise<T> {
  const tracked = round.finally(() => {
    if (running === tracked) running = null;
  });
  running = tracked;
  return round;
}

export async function stopSyncing(): Promise<void> {
  stopped = true;
  await running?.catch(() => {});
}

const syncSoonEvent = "downtime:sync-soon";

/**
 * Asks the background sync for a round soon, e.g. after an open ward list saw a change: the
 * device copy then follows the screen within seconds instead of at the next minute's round.
 */
export function requestSyncSoon(): void {
  window.dispatchEvent(new Event(syncSoonEvent));
}

export function onSyncSoon(listener: () => void): () => void {
  window.addEventListener(syncSoonEvent, listener);
  return () => window.removeEventListener(syncSoonEvent, listener);
}
