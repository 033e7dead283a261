/**
 * A short per-process cache for what open screens poll every 2 s (the change token of a ward, the
 * feed ages): 200 open ward lists on one process then cost one database read per ward per
 * `changeTokenCacheMs`, not 100 a second. Two rules keep it honest:
 * - a census write on this process (any ingest request, a purge run) drops every entry at once
 *   (`noteCensusWrite`), so a screen on the process that took the message sees it on its next poll;
 * - a write on another process (Lambda runs many) is not seen here, so entries live at most
 *   `changeTokenCacheMs` (1 s, half the 2 s poll interval): that write reaches a poll on this
 *   process within 1 s of committing, one poll interval (2 s) plus 1 s at worst.
 * Concurrent polls of one key share one read; an invalidation drops reads still in flight too, so
 * an answer that may predate the write is never served after it.
 * On globalThis: Next.js may load this module once per route bundle, and the ingest routes'
 * invalidation must reach the cache the poll route reads.
 */
import "server-only";

export const changeTokenCacheMs = 1_000;

export interface ShortCache {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(): void;
}

export function createShortCache(ttlMs: number, clock: () => number = Date.now): ShortCache {
  const entries = new Map<string, { value: Promise<unknown>; expires: number }>();
  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && hit.expires > clock()) return hit.value as Promise<T>;
      const value = load();
      entries.set(key, { value, expires: clock() + ttlMs });
      // A failed read is not kept: the next poll asks the database again.
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    invalidate() {
      // A read still in flight is dropped with the rest: its answer may predate the write.
      entries.clear();
    },
  };
}

const slot = Symbol.for("downtime.change-token-cache");
const holder = globalThis as { [slot]?: ShortCache };

export function sharedChangeCache(): ShortCache {
  holder[slot] ??= createShortCache(changeTokenCacheMs);
  return holder[slot];
}

/** A census write committed on this process (ingest, purge): polls read the database again. */
export function noteCensusWrite(): void {
  sharedChangeCache().invalidate();
}
