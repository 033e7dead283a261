/**
 * The frame of every cookie-authenticated JSON route: who is asking (checked against the route's
 * declared policy, on the server, every request), then the handler, with every error answered as
 * a problem response. Route files stay a few lines: declare, validate, call lib/.
 */
import "server-only";
import type { DeclaredRoute } from "@/lib/access/authorize";
import type { Principal } from "@/lib/auth/principal";
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
    const principal = route.authorize(await currentPrincipal());
    if (!principal) throw new Error("staffRoute is for signed-in routes");
    return await handle({ ...(await getAppContext()), principal });
  } catch (error) {
    return problemResponse(toAppError(error, "staff-route"));
  }
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
