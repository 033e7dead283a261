/**
 * The frame of every console server action: the declared policy checked on the server for this
 * call (a refused admin action is audited, as on routes), then the work, with every error turned
 * into a message for the form. Bad input and refusals say what is wrong; an outage says the
 * service is unavailable; anything else is logged (without patient data) and answered generically.
 * Never a 500 page.
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { DeclaredRoute } from "@/lib/access/authorize";
import type { ConsoleActionState } from "@/lib/access/console-action-state";
import type { Principal } from "@/lib/auth/principal";
import { isAppError } from "@/lib/errors";
import { type AppContext, getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { toAppError } from "@/lib/to-app-error";
import { auditRoleRefusal } from "./staff-route";

export type { ConsoleActionState };

export async function runConsoleAction<Extra extends object = object>(
  route: DeclaredRoute,
  /** The action file's own `(principal) => route.authorize(principal)`, so the check is visible there. */
  authorize: (principal: Principal | null) => Principal | null,
  work: (ctx: AppContext & { principal: Principal }) => Promise<{ message: string } & Extra>,
): Promise<ConsoleActionState & Partial<Extra>> {
  type Answer = ConsoleActionState & Partial<Extra>;
  const failed = (error: string) => ({ error, at: Date.now() }) as Answer;
  let principal: Principal | null = null;
  try {
    principal = await currentPrincipal();
    const allowed = authorize(principal);
    if (!allowed) return failed("Sign in again to do this.");
    const context = await getAppContext();
    const result = await work({ ...context, principal: allowed });
    return { ok: true, ...result, at: Date.now() } as Answer;
  } catch (error) {
    unstable_rethrow(error);
    if (principal && isAppError(error) && error.code === "forbidden") {
      const context = await getAppContext().catch(() => null);
      if (context) await auditRoleRefusal(context.db, route, principal).catch(() => {});
    }
    const known = toAppError(error, "console-action");
    if (known.code === "unauthenticated") return failed("Sign in again to do this.");
    if (known.code === "internal") return failed("Something went wrong. Try again.");
    return failed(known.message);
  }
}
