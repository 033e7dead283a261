/** The session cookie read without Auth.js's session action: same answers, decoded once. */
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { forgetRememberedCookies, sessionCookieName, sessionIdFromCookie } from "./session-cookie";

const secret = "test-secret-of-at-least-thirty-two-characters";
const salt = sessionCookieName("local");
const sid = "7f0c2a4e-1b9d-4c61-9e0a-3d2f5b8c7a10";
const cookieFor = (token: Record<string, unknown>, maxAge = 3600, options = { secret, salt }) =>
  encode({ token, maxAge, ...options });

describe("sessionIdFromCookie", () => {
  beforeEach(() => forgetRememberedCookies());

  it("reads the session id from a cookie Auth.js wrote", async () => {
    const cookie = await cookieFor({ sid });
    expect(await sessionIdFromCookie(cookie, { secret, salt, now: new Date() })).toBe(sid);
  });

  it("answers null for a tampered cookie, another secret or salt, no session id, or an expired cookie", async () => {
    const now = new Date();
    const cookie = await cookieFor({ sid });
    const tampered = `${cookie.slice(0, -4)}${cookie.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    expect(await sessionIdFromCookie(tampered, { secret, salt, now })).toBeNull();
    expect(await sessionIdFromCookie(cookie, { secret: `${secret}-rotated`, salt, now })).toBeNull();
    expect(await sessionIdFromCookie(cookie, { secret, salt: sessionCookieName("prod"), now })).toBeNull();
    expect(await sessionIdFromCookie(await cookieFor({ name: "x" }), { secret, salt, now })).toBeNull();
    expect(await sessionIdFromCookie(await cookieFor({ sid }, -60), { secret, salt, now })).toBeNull();
    expect(await sessionIdFromCookie("not-a-jwt", { secret, salt, now })).toBeNull();
  });

  it("decodes a cookie once, then remembers it until the cookie itself expires", async () => {
    const { decode } = await import("next-auth/jwt");
    const decoder = vi.fn(
      async (params: { token: string; secret: string; salt: string }) =>
        (await decode(params)) as Record<string, unknown> | null,
    );
    const cookie = await cookieFor({ sid }, 3600);
    const now = new Date();
    for (let i = 0; i < 3; i++)
      expect(await sessionIdFromCookie(cookie, { secret, salt, now }, decoder)).toBe(sid);
    expect(decoder).toHaveBeenCalledTimes(1);
    // A remembered cookie is not trusted past its own expiry, and is not decoded again either.
    const later = new Date(now.getTime() + 3601_000);
    expect(await sessionIdFromCookie(cookie, { secret, salt, now: later }, decoder)).toBeNull();
    expect(decoder).toHaveBeenCalledTimes(1);
  });

  it("never answers from memory for a cookie decoded with another secret", async () => {
    const cookie = await cookieFor({ sid });
    const now = new Date();
    expect(await sessionIdFromCookie(cookie, { secret, salt, now })).toBe(sid);
    expect(await sessionIdFromCookie(cookie, { secret: `${secret}-rotated`, salt, now })).toBeNull();
  });

  it("names the cookie with the __Secure- prefix outside local", () => {
    expect(sessionCookieName("local")).toBe("downtime.session");
    for (const env of ["build", "mock", "cert", "training", "prod"] as const)
      expect(sessionCookieName(env)).toBe("__Secure-downtime.session");
  });
});
