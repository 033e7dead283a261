/** The user checks every sign-in method shares: known, enabled, allowed in this environment. */
import "server-only";
import { normaliseUsername } from "@/lib/auth/principal";
import type { Queryable } from "@/lib/db/types";
import type { AppEnvironment } from "@/lib/env";

export type SignInOutcome = { ok: true; sessionId: string } | { ok: false; reason: string; message: string };

export const unknownUserMessage =
  "Your Windows account is not set up for Downtime. Ask your ward manager or the service desk.";

export async function userAllowedHere(
  db: Queryable,
  username: string,
  appEnv: AppEnvironment,
): Promise<{ ok: true; userId: string } | { ok: false; reason: string; message: string }> {
  const { rows } = await db.query<{ id: string; enabled: boolean; non_prod_allowed: boolean }>(
    "SELECT id, enabled, non_prod_allowed FROM staff_user WHERE username = $1",
    [normaliseUsername(username)],
  );
  const user = rows[0];
  if (!user) {
    return {
      ok: false,
      reason: "unknown-user",
      message: unknownUserMessage,
    };
  }
  if (!user.enabled) {
    return {
      ok: false,
      reason: "disabled-user",
      message: "Your Downtime account is disabled. Contact the service desk.",
    };
  }
  if (appEnv !== "prod" && !user.non_prod_allowed) {
    return {
      ok: false,
      reason: "environment-not-allowed",
      message: `Your account may not use the ${appEnv.toUpperCase()} environment.`,
    };
  }
  return { ok: true, userId: user.id };
}
