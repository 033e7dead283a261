"use server";
/** Saves the readiness thresholds (lib/readiness/readiness-thresholds.ts: validated, audited). */
import { revalidatePath } from "next/cache";
import { declareRoute } from "@/lib/access/authorize";
import { isAppError } from "@/lib/errors";
import type { ReadinessThresholds } from "@/lib/readiness/readiness-rating";
import { saveReadinessThresholds } from "@/lib/readiness/readiness-thresholds";
import { getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";

const route = declareRoute("admin:settings");

export interface ThresholdsState {
  error?: string;
  saved?: boolean;
}

const keys: (keyof ReadinessThresholds)[] = [
  "enrolledPercent",
  "signedInPercent",
  "wardPcsSeen",
  "adtAgeHours",
  "documentAgeHours",
];

/** A blank or non-numeric box becomes NaN, which the schema refuses with the field's label. */
const number = (value: FormDataEntryValue | null) =>
  value === null || value === "" ? Number.NaN : Number(value);

export async function saveThresholdsAction(
  _previous: ThresholdsState,
  form: FormData,
): Promise<ThresholdsState> {
  const principal = route.authorize(await currentPrincipal())!;
  const { db } = await getAppContext();
  const input = Object.fromEntries(
    keys.map((key) => [
      key,
      { green: number(form.get(`${key}.green`)), amber: number(form.get(`${key}.amber`)) },
    ]),
  );
  try {
    await saveReadinessThresholds(db, principal, input);
  } catch (error) {
    if (isAppError(error) && error.code === "bad_request") return { error: error.message };
    throw error;
  }
  revalidatePath("/admin/readiness");
  return { saved: true };
}
