/**
 * Our session id from the Auth.js session cookie, read without `auth()`. Each `auth()` call runs
 * Auth.js's whole session action: it decrypts the cookie, then encrypts a renewed one (a rolling
 * expiry we do not use: the auth_session row's own expiry rules), two HKDF key derivations and an
 * AES round trip per request, for a cookie that open screens send every 2 s.
 *
 * So a decoded cookie is remembered by its SHA-256 until its own expiry: a repeat costs one hash.
 * That is safe because the cookie only names a session; the session row is still checked on every
 * request (current-principal.ts), so sign-out, revocation and disabled users end access at once.
 */
import "server-only";
import { createHash } from "node:crypto";
import { decode } from "next-auth/jwt";
import type { AppEnvironment } from "@/lib/env";

/** The cookie Auth.js keeps the session in (lib/server/auth/next-auth.ts); `__Secure-` outside local. */
export function sessionCookieName(appEnv: AppEnvironment): string {
  return appEnv === "local" ? "downtime.session" : "__Secure-downtime.session";
}

type Decoder = (params: {
  token: string;
  secret: string;
  salt: string;
}) => Promise<Record<string, unknown> | null>;

interface Remembered {
  sessionId: string;
  expiresAtMs: number;
}

/** Bounded: at most this many cookies, the least recently used going first. */
const maxRemembered = 10_000;
const remembered = new Map<string, Remembered>();

function remember(key: string, entry: Remembered) {
  remembered.delete(key);
  remembered.set(key, entry);
  if (remembered.size > maxRemembered) remembered.delete(remembered.keys().next().value!);
}

export async function sessionIdFromCookie(
  cookie: string,
  options: { secret: string; salt: string; now: Date },
  decodeCookie: Decoder = decode,
): Promise<string | null> {
  // The secret and salt are part of the key: a cookie is only ever remembered as decoded by them.
  const key = createHash("sha256")
    .update(options.secret)
    .update("\0")
    .update(options.salt)
    .update("\0")
    .update(cookie)
    .digest("base64url");
  const known = remembered.get(key);
  if (known) {
    if (known.expiresAtMs > options.now.getTime()) {
      remember(key, known);
      return known.sessionId;
    }
    remembered.delete(key);
    return null;
  }
  let payload: Record<string, unknown> | null;
  try {
    payload = await decodeCookie({ token: cookie, secret: options.secret, salt: options.salt });
  } catch {
    return null; // tampered, expired, or written with another secret
  }
  const sessionId = payload?.sid;
  const exp = payload?.exp;
  if (typeof sessionId !== "string" || typeof exp !== "number") return null;
  const expiresAtMs = exp * 1000;
  if (expiresAtMs <= options.now.getTime()) return null;
  remember(key, { sessionId, expiresAtMs });
  return sessionId;
}

/** For tests: forget every remembered cookie. */
export function forgetRememberedCookies() {
  remembered.clear();
}
