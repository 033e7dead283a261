"use server";
/**
 * Break-glass from a search candidate: a reason, a time limit, an IG flag (lib/access/break-glass),
 * then the patient's current stay opens. The candidate names the patient only; the stay is looked
 * up once the grant lets this user read them.
 */
import { redirect } from "next/navigation";
import { declareRoute } from "@/lib/access/authorize";
import { grantBreakGlass } from "@/lib/access/break-glass";
import { isAppError } from "@/lib/errors";
import { getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { currentStayOf } from "@/lib/ward-list/patient-record";

const route = declareRoute("patients:break-glass");

export interface BreakGlassState {
  error?: string;
}

export async function breakGlassAction(_previous: BreakGlassState, form: FormData): Promise<BreakGlassState> {
  const principal = route.authorize(await currentPrincipal())!;
  const patientId = String(form.get("patientId") ?? "");
  let stayId: string;
  try {
    const { db } = await getAppContext();
    const now = new Date();
    await grantBreakGlass(db, principal, { patientId, reason: String(form.get("reason") ?? ""), now });
    stayId = await currentStayOf(db, principal, patientId, now);
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
  redirect(`/patients/${encodeURIComponent(stayId)}`);
}
