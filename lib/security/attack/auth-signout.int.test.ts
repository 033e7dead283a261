/**
 * Attack: keeping a copied session cookie after its owner signs out through Auth.js's own
 * endpoint (POST /api/auth/signout, with the CSRF token Auth.js requires). Clearing the cookie in
 * the browser is not enough: the session row must end, so the copy stops working at once.
 *
 * The endpoints are Auth.js's own (`Auth` from @auth/core) with this app's configuration, called
 * the way next-auth's route handlers call them (app/api/auth/[...nextauth]/route.ts): next-auth's
 * wrapper itself cannot load under vitest (it imports "next/server" without an extension).
 */
import { Auth, setEnvDefaults } from "@auth/core";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "@/test/route-app.test-kit";

startTestApp();
const { authConfig } = await import("@/lib/server/auth/auth-config");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { getConfig } = await import("@/lib/env");
const { createSession, principalForSession } = await import("@/lib/auth/sessions/session-store");
const { endSession } = await import("@/lib/auth/sessions/end-session");
const { sessionSecret } = await import("@/lib/auth/sessions/session-secret");
const { sessionCookieName, sessionIdFromCookie } = await import("@/lib/server/auth/session-cookie");

const origin = "http://localhost:3000";
const facts = { ip: "192.0.2.50", userAgent: "test" };

/** next-auth's route handler: the lazy config for this request, its defaults, then Auth.js. */
async function authRoute(request: Request): Promise<Response> {
  const config = authConfig(request);
  config.basePath = "/api/auth";
  setEnvDefaults(process.env, config, true);
  return Auth(request, config);
}
const GET = authRoute;
const POST = authRoute;

/** `name=value` of each Set-Cookie, as a browser would send them back. */
const cookiesFrom = (response: Response) =>
  response.headers.getSetCookie().map((line) => line.split(";")[0]!);

describe("POST /api/auth/signout", () => {
  let userId: string;
  const cookieName = () => sessionCookieName(getConfig().appEnv);
  const signedIn = async () => {
    const { db } = await getAppContext();
    const session = await createSession(db, { userId, method: "launcher", ...facts, now: new Date() });
    const cookie = await encode({
      token: { sid: session.id },
      secret: sessionSecret(getConfig()),
      salt: cookieName(),
      maxAge: 12 * 3600,
    });
    return { sessionId: session.id, cookie: `${cookieName()}=${cookie}`, value: cookie };
  };
  /** What every request does with the cookie (current-principal.ts): name the row, then check it. */
  const stillAuthenticates = async (value: string) => {
    const config = getConfig();
    const now = new Date();
    const sessionId = await sessionIdFromCookie(value, {
      secret: sessionSecret(config),
      salt: cookieName(),
      now,
    });
    if (!sessionId) return false;
    return (await principalForSession((await getAppContext()).db, sessionId, { ...facts, now })) !== null;
  };
  const signOut = (cookies: string[], csrfToken?: string) =>
    POST(
      new Request(`${origin}/api/auth/signout`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Cookie: cookies.join("; "),
          "X-Forwarded-For": facts.ip,
        },
        body: new URLSearchParams({ ...(csrfToken ? { csrfToken } : {}), callbackUrl: "/sign-in" }),
      }),
    );
  const csrf = async () => {
    const response = await GET(new Request(`${origin}/api/auth/csrf`));
    return {
      token: ((await response.json()) as { csrfToken: string }).csrfToken,
      cookies: cookiesFrom(response),
    };
  };
  const signOutsAudited = async (sessionId: string) => {
    const { rows } = await (await getAppContext()).db.query<{ ip: string; user_id: string }>(
      "SELECT ip, user_id FROM audit_event WHERE action = 'sign-out' AND session_id = $1",
      [sessionId],
    );
    return rows;
  };

  beforeAll(async () => {
    const { db } = await getAppContext();
    userId = (await db.query<{ id: string }>("SELECT id FROM staff_user ORDER BY username LIMIT 1")).rows[0]!
      .id;
  });
  afterAll(async () => (await getAppContext()).db.close());

  it("ends the session row, so the old cookie no longer authenticates, and audits the sign-out", async () => {
    const session = await signedIn();
    expect(await stillAuthenticates(session.value)).toBe(true);
    const { token, cookies } = await csrf();
    const response = await signOut([...cookies, session.cookie], token);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${origin}/sign-in`);
    expect(response.headers.getSetCookie().join("\n")).toMatch(new RegExp(`${cookieName()}=;`));
    const { rows } = await (await getAppContext()).db.query<{ revoked_at: Date | null }>(
      "SELECT revoked_at FROM auth_session WHERE id = $1",
      [session.sessionId],
    );
    expect(rows[0]!.revoked_at).not.toBeNull();
    expect(await stillAuthenticates(session.value)).toBe(false);
    expect(await signOutsAudited(session.sessionId)).toEqual([{ ip: facts.ip, user_id: userId }]);
  });

  it("without Auth.js's CSRF token signs nobody out (a cross-site form cannot end a session)", async () => {
    const session = await signedIn();
    await signOut([session.cookie]);
    expect(await stillAuthenticates(session.value)).toBe(true);
  });

  it("a second sign-out path for the same session leaves one audit record", async () => {
    const session = await signedIn();
    const { db } = await getAppContext();
    expect(await endSession(db, session.sessionId, { ...facts, now: new Date() })).toBe(true);
    const { token, cookies } = await csrf();
    expect((await signOut([...cookies, session.cookie], token)).status).toBe(302);
    expect(await endSession(db, session.sessionId, { ...facts, now: new Date() })).toBe(false);
    expect(await signOutsAudited(session.sessionId)).toHaveLength(1);
  });
});
