/**
 * The frame of every cookie-authenticated JSON route: who is asking (checked against the route's
 * declared policy, on the server, every request), then the handler, with every error answered as
 * a problem response. Route files stay a few lines: declare, validate, call lib/.
 *
 * A signed-in user refused by the route's policy (a clinician on an admin route, an admin on a
 * patient route) is audited before the 403, rate-limited by lib/audit/refusal-audit.ts; refusals
 * that proxy.ts held for want of a database are written here too.
 */
import "server-only";
import { headers } from "next/headers";
import type { DeclaredRoute } from "@/lib/access/authorize";
import { auditRefusal, flushRefusals } from "@/lib/audit/refusal-audit";
import { routeHeaders } from "@/lib/audit/refusal-facts";
import { sharedRefusalLedger } from "@/lib/audit/refusal-limiter";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { isAppError } from "@/lib/errors";
import { type AppContext, getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { toAppError } from "@/lib/to-app-error";
import { problemResponse } from "./problem";

export interface StaffRouteContext extends AppContext {
  principal: Principal;
}

export async function staffRoute(
  route: DeclaredRoute,
  handle: (ctx: StaffRouteContext) => Promise<Response>,
): Promise<Response> {
  try {
    const principal = await authorizeAudited(route, await currentPrincipal());
    const context = await getAppContext();
    await flushRefusals(context.db);
    return await handle({ ...context, principal });
  } catch (error) {
    return problemResponse(toAppError(error, "staff-route"));
  }
}

/**
 * `route.authorize`, auditing a signed-in user's refusal before it is thrown. No session at all
 * (401) is not audited: nobody is named, and every ward list left open past its session's end
 * would write a row each poll; sign-in refusals are audited by the sign-in flows.
 */
async function authorizeAudited(route: DeclaredRoute, principal: Principal | null): Promise<Principal> {
  try {
    const allowed = route.authorize(principal);
    if (!allowed) throw new Error("staffRoute is for signed-in routes");
    return allowed;
  } catch (error) {
    if (principal && isAppError(error) && error.code === "forbidden") {
      // The refusal is answered (403) even when the database cannot be reached to record it.
      const context = await getAppContext().catch(() => null);
      if (context) await auditRoleRefusal(context.db, route, principal);
      else sharedRefusalLedger().count("role", `user:${principal.userId}`, 1);
    }
    throw error;
  }
}

/** The path and method proxy.ts recorded for this request (null outside a request, in tests). */
export async function requestRoute(): Promise<{ route: string | null; method: string | null }> {
  try {
    const current = await headers();
    return { route: current.get(routeHeaders.path), method: current.get(routeHeaders.method) };
  } catch {
    return { route: null, method: null };
  }
}

/** Audits "your role does not allow this" for the current request; never throws. */
export async function auditRoleRefusal(
  db: Database,
  route: DeclaredRoute,
  principal: Principal,
): Promise<void> {
  await auditRefusal(db, {
    reason: "role",
    ...(await requestRoute()),
    principal,
    ip: principal.ip,
    extra: { permission: route.policy },
  });
}

/** Parses a JSON body, answering 400 (not 500) for anything that is not JSON. */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    const { AppError } = await import("@/lib/errors");
    throw new AppError("bad_request", "The body must be JSON");
  }
}
