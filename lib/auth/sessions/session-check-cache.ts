/**
 * Per-process memory of recent session checks, so the change poll (every 2 s per open screen) and
 * the reads beside it do not each re-read `auth_session`. The revocation check interval is
 * `sessionRecheckMs` (5 s): a session is looked up in the database again when its last good
 * check is that old, so a session ended anywhere (sign-out on another instance, an admin
 * disabling the user, a revoked ward PC, expiry) is refused on every process within 5 s, and at
 * once on the process that ended it (`forgetCheckedSession`, `forgetCheckedSessions`).
 * Only live sessions are remembered: a refused one is asked again each time. The cookie's own
 * signature and expiry are still checked on every request (current-principal.ts); only the
 * database row is remembered, never the request's address or browser.
 * On globalThis: Next.js may load this module once per route bundle.
 */
import "server-only";
import type { Principal } from "@/lib/auth/principal";

export const sessionRecheckMs = 5_000;
const maxRemembered = 20_000;

type CheckedSession = Omit<Principal, "ip" | "userAgent">;

export interface SessionRequest {
  ip: string;
  userAgent: string;
  now: Date;
}

export interface SessionCheckCache {
  check(
    sessionId: string,
    request: SessionRequest,
    load: () => Promise<Principal | null>,
  ): Promise<Principal | null>;
  forget(sessionId: string): void;
  forgetAll(): void;
}

export function createSessionCheckCache(recheckMs = sessionRecheckMs): SessionCheckCache {
  const checked = new Map<string, { session: CheckedSession; at: number }>();
  return {
    async check(sessionId, request, load) {
      const now = request.now.getTime();
      const hit = checked.get(sessionId);
      // A clock that went backwards counts as stale, never as fresh.
      if (hit && now >= hit.at && now - hit.at < recheckMs)
        return { ...hit.session, ip: request.ip, userAgent: request.userAgent };
      const principal = await load();
      if (!principal) {
        checked.delete(sessionId);
        return null;
      }
      if (checked.size >= maxRemembered) checked.clear();
      const { ip: _ip, userAgent: _userAgent, ...session } = principal;
      checked.set(sessionId, { session, at: now });
      return principal;
    },
    forget: (sessionId) => void checked.delete(sessionId),
    forgetAll: () => checked.clear(),
  };
}

const slot = Symbol.for("downtime.session-check-cache");
const holder = globalThis as { [slot]?: SessionCheckCache };

export function sharedSessionChecks(): SessionCheckCache {
  holder[slot] ??= createSessionCheckCache();
  return holder[slot];
}

/** This process ended the session: refuse it from the next request, not 5 s later. */
export function forgetCheckedSession(sessionId: string): void {
  sharedSessionChecks().forget(sessionId);
}

/** Many sessions ended at once (a ward PC revoked): every session is checked afresh. */
export function forgetCheckedSessions(): void {
  sharedSessionChecks().forgetAll();
}
