/**
 * The readiness dashboard's thresholds, in `app_setting` under "readiness-thresholds"
 * (lib/settings/app-settings.ts). Admins (`admin:settings`) change them; the change is audited
 * (`setting.changed`, before and after) in the same transaction as the write. Until an admin
 * chooses, the defaults in readiness-rating.ts apply.
 */
import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/access/authorize";
import { actorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { readSetting, writeSetting } from "@/lib/settings/app-settings";
import {
  defaultReadinessThresholds,
  type ReadinessThresholds,
  thresholdLabels,
  thresholdProblem,
} from "./readiness-rating";

const percentBound = z.number().int().min(0).max(100);
const countBound = z.number().int().min(0).max(50);
const hoursBound = z
  .number()
  .int()
  .min(1)
  .max(24 * 30);
const pair = (bound: z.ZodNumber) => z.object({ green: bound, amber: bound });

export const thresholdsSchema = z.object({
  enrolledPercent: pair(percentBound),
  signedInPercent: pair(percentBound),
  wardPcsSeen: pair(countBound),
  adtAgeHours: pair(hoursBound),
  documentAgeHours: pair(hoursBound),
}) satisfies z.ZodType<ReadinessThresholds>;

export async function readinessThresholds(db: Queryable): Promise<ReadinessThresholds> {
  return (await readSetting(db, "readiness-thresholds", thresholdsSchema)) ?? defaultReadinessThresholds;
}

const ranges: Record<keyof ReadinessThresholds, string> = {
  enrolledPercent: "0 to 100",
  signedInPercent: "0 to 100",
  wardPcsSeen: "0 to 50",
  adtAgeHours: "1 to 720",
  documentAgeHours: "1 to 720",
};

export async function saveReadinessThresholds(
  db: Database,
  principal: Principal,
  input: unknown,
  now = new Date(),
): Promise<ReadinessThresholds> {
  authorize(principal, { permission: "admin:settings" });
  const parsed = thresholdsSchema.safeParse(input);
  if (!parsed.success) {
    const key = parsed.error.issues[0]!.path[0] as keyof ReadinessThresholds;
    const label = thresholdLabels[key] ?? String(key);
    throw new AppError(
      "bad_request",
      `${label}: expected whole numbers from ${ranges[key] ?? "the allowed range"}`,
      {
        location: String(key),
      },
    );
  }
  const problem = thresholdProblem(parsed.data);
  if (problem) throw new AppError("bad_request", problem);
  return writeTransaction(db, async (tx) => {
    const before = await readinessThresholds(tx);
    await writeSetting(tx, "readiness-thresholds", parsed.data, principal.userId, now);
    await recordAudit(tx, {
      ...actorFields(principal),
      action: "setting.changed",
      outcome: "success",
      occurredAt: now,
      detail: {
        key: "readiness-thresholds",
        before: JSON.stringify(before),
        after: JSON.stringify(parsed.data),
      },
    });
    return parsed.data;
  });
}
