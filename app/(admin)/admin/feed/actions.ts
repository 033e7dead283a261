"use server";
/**
 * Feed-silence thresholds per source (docs/design.md section 8), set from /admin/feed and audited
 * with the admin's session. The alarm is evaluated again at once in this process.
 */
import { revalidatePath } from "next/cache";
import { declareRoute } from "@/lib/access/authorize";
import { actorFields } from "@/lib/audit/actor-fields";
import { setFeedSilenceThreshold, stopWatchingFeedSource } from "@/lib/ingest/feed-health/feed-sources";
import { getAppContext } from "@/lib/runtime/app-context";
import { forgetFeedSilence } from "@/lib/runtime/current-feed-silence";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { toAppError } from "@/lib/to-app-error";

const route = declareRoute("admin:settings");

export interface ThresholdFormState {
  message?: string;
  error?: string;
}

async function run(
  work: (by: ReturnType<typeof actorFields>) => Promise<string>,
): Promise<ThresholdFormState> {
  try {
    const principal = route.authorize(await currentPrincipal())!;
    const message = await work(actorFields(principal));
    forgetFeedSilence();
    revalidatePath("/admin", "layout");
    return { message };
  } catch (error) {
    const refusal = toAppError(error, "admin.feed");
    return {
      error: refusal.code === "internal" ? "Something went wrong; nothing was changed." : refusal.message,
    };
  }
}

export async function setThresholdAction(
  _previous: ThresholdFormState,
  form: FormData,
): Promise<ThresholdFormState> {
  return run(async (by) => {
    const useDefault = form.get("intent") === "default";
    const text = String(form.get("minutes") ?? "").trim();
    const minutes = useDefault ? null : text === "" ? Number.NaN : Number(text);
    const { db } = await getAppContext();
    const { after } = await setFeedSilenceThreshold(db, String(form.get("source") ?? ""), minutes, by);
    return after === null ? "Saved: the default threshold applies." : `Saved: silent after ${after} minutes.`;
  });
}

export async function stopWatchingAction(
  _previous: ThresholdFormState,
  form: FormData,
): Promise<ThresholdFormState> {
  return run(async (by) => {
    const { db } = await getAppContext();
    await stopWatchingFeedSource(db, String(form.get("source") ?? ""), by);
    return "No longer watched. It is watched again if it sends.";
  });
}
