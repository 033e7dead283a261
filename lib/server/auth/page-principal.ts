/**
 * For staff pages: the principal allowed by the page's policy, a redirect to sign in, or a
 * refusal page. A server component that throws anything else is answered with a 500, so every
 * refusal on a page goes through `refusePage`: a 403 (404 until forbidden() is enabled, below)
 * for "not allowed", a 404 for "not there", the sign-in page for "not signed in".
 */
import "server-only";
import { cookies } from "next/headers";
import { forbidden, notFound, redirect, unstable_rethrow } from "next/navigation";
import type { DeclaredRoute } from "@/lib/access/authorize";
import { flushRefusals } from "@/lib/audit/refusal-audit";
import type { Principal } from "@/lib/auth/principal";
import { isAppError } from "@/lib/errors";
import { getAppContext } from "@/lib/runtime/app-context";
import { auditRoleRefusal } from "@/lib/server/http/staff-route";
import { currentPrincipal } from "./current-principal";

async function hasSessionCookie(): Promise<boolean> {
  const jar = await cookies();
  return jar.has("downtime.session") || jar.has("__Secure-downtime.session");
}

export async function pagePrincipal(route: DeclaredRoute): Promise<Principal> {
  const principal = await currentPrincipal();
  // A session cookie that no longer maps to a live session means the session ended (expired,
  // signed out elsewhere, PC revoked): say so, with how to get back in.
  if (!principal) redirect((await hasSessionCookie()) ? "/sign-in?ended=1" : "/sign-in");
  const { db } = await getAppContext();
  await flushRefusals(db);
  try {
    return route.authorize(principal)!;
  } catch (error) {
    // An IG auditor on /search, an admin on a ward list: audited, then a refusal page, not a 500.
    if (isAppError(error) && error.code === "forbidden") await auditRoleRefusal(db, route, principal);
    return refusePage(error);
  }
}

/**
 * Turns a domain refusal into Next.js's answer for pages: `forbidden` → 403, `not_found` and
 * `bad_request` (an id that cannot name anything) → 404, `unauthenticated` → sign in. Anything
 * else is rethrown (an outage, a bug). Use as `await wardCensus(…).catch(refusePage)`.
 */
export function refusePage(error: unknown): never {
  if (isAppError(error)) {
    if (error.code === "forbidden") forbiddenPage();
    if (error.code === "not_found" || error.code === "bad_request") notFound();
    if (error.code === "unauthenticated") redirect("/sign-in");
  }
  throw error;
}

/**
 * Next.js answers forbidden() with a 403 only when next.config.ts sets
 * `experimental.authInterrupts`; without it, forbidden() throws a plain Error, which is a 500, the
 * very thing refusals must never be. So: the 403 when it is enabled, else notFound()'s 404, which
 * is still a refusal page and says no more than the 403 would.
 */
function forbiddenPage(): never {
  try {
    forbidden();
  } catch (error) {
    unstable_rethrow(error);
  }
  notFound();
}
