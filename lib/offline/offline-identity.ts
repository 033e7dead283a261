/**
 * Which signed-in user's cache this browser holds, so the offline page (served by the service
 * worker without a session) can open it. Internal ids only: they name the cache, they grant
 * nothing (the session cookie does). Cleared with the cache.
 */
const storageKey = "downtime.cache-identity";

export interface CacheIdentity {
  userId: string;
  sessionId: string;
}

export function rememberCacheIdentity(identity: CacheIdentity): void {
  localStorage.setItem(storageKey, JSON.stringify(identity));
}

export function cacheIdentity(): CacheIdentity | null {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey) ?? "null") as Partial<CacheIdentity> | null;
    return value && typeof value.userId === "string" && typeof value.sessionId === "string"
      ? { userId: value.userId, sessionId: value.sessionId }
      : null;
  } catch {
    return null;
  }
}

export function forgetCacheIdentity(): void {
  localStorage.removeItem(storageKey);
  // The name the offline header shows (signed-in-name.ts), inlined to keep that module off the
  // ward list's first load.
  localStorage.removeItem("downtime.signed-in-name");
}
