"use server";
/** Saves a facility's publishing and retention policy (with the purge warning), and runs the purge now. */
import { declareRoute } from "@/lib/access/authorize";
import { parsePolicyForm } from "@/lib/census/policy-form";
import { isAppError } from "@/lib/errors";
import { bytesText } from "@/lib/retention/bytes-text";
import { runPurgeNow } from "@/lib/retention/run-purge-now";
import { getAppContext } from "@/lib/runtime/app-context";
import { tombstoneKeyFor } from "@/lib/runtime/app-ingest-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { type ConfirmedImpact, changeFacilityPolicy } from "@/lib/settings/facility-policy-change";
import type { PolicyFormState, PurgeNowState } from "./form-state";

const route = declareRoute("admin:settings");

function confirmedFrom(form: FormData): ConfirmedImpact | undefined {
  if (form.get("intent") !== "confirm") return undefined;
  const number = (name: string) => Number(form.get(name) ?? Number.NaN);
  return {
    patients: number("confirmedPatients"),
    currentPatients: number("confirmedCurrentPatients"),
    documents: number("confirmedDocuments"),
  };
}

export async function savePolicyAction(_previous: PolicyFormState, form: FormData): Promise<PolicyFormState> {
  const principal = route.authorize(await currentPrincipal())!;
  const parsed = parsePolicyForm({
    fields: form.getAll("fields").map(String),
    graceHoursAfterDischarge: String(form.get("graceHoursAfterDischarge") ?? ""),
    maxDaysWithoutEvents: String(form.get("maxDaysWithoutEvents") ?? ""),
  });
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors };
  try {
    const { db } = await getAppContext();
    const outcome = await changeFacilityPolicy(db, principal, {
      facilityId: String(form.get("facilityId") ?? ""),
      value: parsed.value,
      confirmed: confirmedFrom(form),
    });
    if (outcome.status === "confirm") {
      return {
        kind: "confirm",
        retention: parsed.value.retention,
        impact: outcome.impact,
        dueNow: outcome.dueNow,
        figuresMoved: outcome.figuresMoved,
      };
    }
    return { kind: outcome.status, saved: parsed.value };
  } catch (error) {
    if (isAppError(error)) return { kind: "error", message: error.message };
    throw error;
  }
}

export async function runPurgeNowAction(_previous: PurgeNowState, _form: FormData): Promise<PurgeNowState> {
  const principal = route.authorize(await currentPrincipal())!;
  try {
    const { config, db, storage } = await getAppContext();
    const summary = await runPurgeNow(principal, {
      db,
      storage,
      tombstoneKey: tombstoneKeyFor(config),
      now: new Date(),
    });
    const failed =
      summary.failed > 0 ? ` ${summary.failed} could not be purged and wait for the next run.` : "";
    return {
      message: `Purge finished: ${summary.patients} patient${summary.patients === 1 ? "" : "s"} and ${summary.documents} document${summary.documents === 1 ? "" : "s"} (${bytesText(summary.bytes)}) removed.${failed}`,
      at: new Date().toISOString(),
    };
  } catch (error) {
    if (isAppError(error)) return { error: error.message, at: new Date().toISOString() };
    throw error;
  }
}
