"use server";
/** The downtime switch from the console: declare (with a reason), end, and the BYOD policy. */
import { declareRoute } from "@/lib/access/authorize";
import { isAppError } from "@/lib/errors";
import { getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { declareDowntime, endDowntime, setByodPolicy } from "@/lib/settings/downtime-switch";
import type { DowntimeFormState } from "./form-state";

const route = declareRoute("admin:settings");

export async function downtimeAction(
  _previous: DowntimeFormState,
  form: FormData,
): Promise<DowntimeFormState> {
  const principal = route.authorize(await currentPrincipal())!;
  const intent = String(form.get("intent") ?? "");
  try {
    const { db } = await getAppContext();
    if (intent === "declare") {
      await declareDowntime(db, principal, { reason: String(form.get("reason") ?? "") });
      return { message: "Downtime declared: every signed-in user now sees the banner." };
    }
    if (intent === "end") {
      await endDowntime(db, principal);
      return { message: "Downtime ended." };
    }
    if (intent === "byod-policy") {
      const policy = String(form.get("policy") ?? "");
      await setByodPolicy(db, principal, policy as "always");
      return { message: "Phone sign-in policy saved." };
    }
    return { error: "Choose declare, end or the phone sign-in policy" };
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}
