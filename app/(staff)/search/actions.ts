"use server";
/** Break-glass from search results: a reason, a time limit, an IG flag (lib/access/break-glass). */
import { redirect } from "next/navigation";
import { declareRoute } from "@/lib/access/authorize";
import { grantBreakGlass } from "@/lib/access/break-glass";
import { isAppError } from "@/lib/errors";
import { getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";

const route = declareRoute("patients:break-glass");

export interface BreakGlassState {
  error?: string;
}

export async function breakGlassAction(_previous: BreakGlassState, form: FormData): Promise<BreakGlassState> {
  const principal = route.authorize(await currentPrincipal())!;
  const { db } = await getAppContext();
  const patientId = String(form.get("patientId") ?? "");
  const stayId = String(form.get("stayId") ?? "");
  try {
    await grantBreakGlass(db, principal, {
      patientId,
      reason: String(form.get("reason") ?? ""),
      now: new Date(),
    });
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
  redirect(`/patients/${encodeURIComponent(stayId)}`);
}
