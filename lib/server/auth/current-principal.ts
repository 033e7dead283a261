/** The signed-in principal for this request, or null: the one source every route and page uses. */
import "server-only";
import { cookies, headers } from "next/headers";
import type { Principal } from "@/lib/auth/principal";
import { sharedSessionChecks } from "@/lib/auth/sessions/session-check-cache";
import { sessionSecret } from "@/lib/auth/sessions/session-secret";
import { principalForSession } from "@/lib/auth/sessions/session-store";
import { getConfig } from "@/lib/env";
import { getAppContext } from "@/lib/runtime/app-context";
import { requestFacts } from "@/lib/server/http/request-facts";
import { sessionCookieName, sessionIdFromCookie } from "./session-cookie";

export async function currentPrincipal(): Promise<Principal | null> {
  const config = getConfig();
  const name = sessionCookieName(config.appEnv);
  const cookie = (await cookies()).get(name)?.value;
  if (!cookie) return null;
  const now = new Date();
  // Auth.js salts the cookie's key with the cookie's name.
  const sessionId = await sessionIdFromCookie(cookie, { secret: sessionSecret(config), salt: name, now });
  if (!sessionId) return null;
  const { db } = await getAppContext();
  const request = { ...requestFacts(await headers()), now };
  // The row is re-read at least every 5 s (session-check-cache.ts: the revocation check interval).
  return sharedSessionChecks().check(sessionId, request, () => principalForSession(db, sessionId, request));
}
