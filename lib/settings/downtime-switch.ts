/**
 * The downtime switch and the BYOD sign-in policy (docs/design.md section 6), stored in `app_setting`
 * under "downtime" and "byod-policy". Admins (`admin:settings`) change them; every change is
 * audited in the same transaction as the write. Phones may sign in always, or only while
 * downtime is declared; until an admin chooses, the stricter "during-downtime" applies.
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
import { readSetting, writeSetting } from "./app-settings";

const downtimeSchema = z.object({
  declared: z.boolean(),
  since: z.iso.datetime().optional(),
  by: z.string().optional(),
  byUserId: z.string().optional(),
  reason: z.string().optional(),
});

export type ByodPolicy = "always" | "during-downtime";
const byodSchema = z.object({ policy: z.enum(["always", "during-downtime"]) });
export const defaultByodPolicy: ByodPolicy = "during-downtime";

export interface DowntimeStatus {
  declared: boolean;
  since?: Date;
  /** Username of the admin who declared it. */
  by?: string;
  reason?: string;
}

export async function downtimeStatus(db: Queryable): Promise<DowntimeStatus> {
  const stored = await readSetting(db, "downtime", downtimeSchema);
  if (!stored?.declared) return { declared: false };
  return {
    declared: true,
    ...(stored.since ? { since: new Date(stored.since) } : {}),
    ...(stored.by ? { by: stored.by } : {}),
    ...(stored.reason ? { reason: stored.reason } : {}),
  };
}

export async function declareDowntime(
  db: Database,
  principal: Principal,
  options: { reason: string; now?: Date },
): Promise<DowntimeStatus> {
  authorize(principal, { permission: "admin:settings" });
  const reason = options.reason.trim();
  if (reason.length < 3 || reason.length > 500) {
    throw new AppError("bad_request", "Say why downtime is being declared (3 to 500 characters)");
  }
  const now = options.now ?? new Date();
  return writeTransaction(db, async (tx) => {
    if ((await downtimeStatus(tx)).declared) throw new AppError("conflict", "Downtime is already declared");
    const value = {
      declared: true,
      since: now.toISOString(),
      by: principal.username,
      byUserId: principal.userId,
      reason,
    };
    await writeSetting(tx, "downtime", value, principal.userId, now);
    await recordAudit(tx, {
      ...actorFields(principal),
      action: "downtime.declared",
      outcome: "success",
      occurredAt: now,
      reason,
    });
    return { declared: true, since: now, by: principal.username, reason };
  });
}

export async function endDowntime(
  db: Database,
  principal: Principal,
  options: { now?: Date } = {},
): Promise<DowntimeStatus> {
  authorize(principal, { permission: "admin:settings" });
  const now = options.now ?? new Date();
  return writeTransaction(db, async (tx) => {
    const current = await downtimeStatus(tx);
    if (!current.declared) throw new AppError("conflict", "Downtime is not declared");
    await writeSetting(tx, "downtime", { declared: false }, principal.userId, now);
    await recordAudit(tx, {
      ...actorFields(principal),
      action: "downtime.ended",
      outcome: "success",
      occurredAt: now,
      detail: { since: current.since?.toISOString() ?? null },
    });
    return { declared: false };
  });
}

export async function byodPolicy(db: Queryable): Promise<ByodPolicy> {
  return (await readSetting(db, "byod-policy", byodSchema))?.policy ?? defaultByodPolicy;
}

export async function setByodPolicy(
  db: Database,
  principal: Principal,
  policy: ByodPolicy,
  options: { now?: Date } = {},
): Promise<ByodPolicy> {
  authorize(principal, { permission: "admin:settings" });
  const parsed = byodSchema.shape.policy.safeParse(policy);
  if (!parsed.success) throw new AppError("bad_request", "BYOD policy is either always or during-downtime");
  const now = options.now ?? new Date();
  return writeTransaction(db, async (tx) => {
    const previous = await byodPolicy(tx);
    await writeSetting(tx, "byod-policy", { policy: parsed.data }, principal.userId, now);
    await recordAudit(tx, {
      ...actorFields(principal),
      action: "setting.changed",
      outcome: "success",
      occurredAt: now,
      detail: { key: "byod-policy", from: previous, to: parsed.data },
    });
    return parsed.data;
  });
}

/** Phones (TOTP sign-in) are let in when the policy is "always", or while downtime is declared. */
export async function byodSignInAllowed(db: Queryable): Promise<boolean> {
  if ((await byodPolicy(db)) === "always") return true;
  return (await downtimeStatus(db)).declared;
}
