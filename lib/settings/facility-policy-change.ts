/**
 * The console's change to a facility's publishing and retention policy (/admin/publishing). A
 * retention change is saved only once the admin has seen what it would purge: the first call
 * answers with the purge impact (purge-impact.ts, the purge runner's own candidate query) and
 * the save goes through only when the admin confirms those very figures; if they moved in the
 * meantime (a discharge arrived), the admin is shown the new ones. Each changed value is audited
 * as `setting.changed` with its before and after, in the transaction that writes it.
 */
import "server-only";
import { authorize } from "@/lib/access/authorize";
import { actorFields } from "@/lib/audit/actor-fields";
import { type AuditEventInput, recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import { forgetPolicies, readStoredPolicy, writePolicy } from "@/lib/census/facility-policy";
import type { FacilityPolicyValues } from "@/lib/census/policy-form";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { type PurgeImpact, purgeImpact } from "@/lib/retention/purge-impact";

export interface FacilityRef {
  id: string;
  code: string;
  name: string;
}

/** The figures the admin confirmed, echoed back from the warning they were shown. */
export interface ConfirmedImpact {
  patients: number;
  currentPatients: number;
  documents: number;
}

export type PolicyChangeOutcome =
  | { status: "saved"; changed: string[] }
  | { status: "unchanged" }
  /** The retention change needs the admin's confirmation of these figures first. */
  | { status: "confirm"; impact: PurgeImpact; dueNow: PurgeImpact; figuresMoved: boolean };

export async function listFacilities(db: Queryable): Promise<FacilityRef[]> {
  const { rows } = await db.query<FacilityRef>("SELECT id, code, name FROM facility ORDER BY code");
  return rows;
}

export async function findFacility(db: Queryable, facilityId: string): Promise<FacilityRef> {
  if (!/^[0-9a-f-]{36}$/i.test(facilityId)) throw new AppError("not_found", "No such facility");
  const { rows } = await db.query<FacilityRef>("SELECT id, code, name FROM facility WHERE id = $1", [
    facilityId,
  ]);
  if (!rows[0]) throw new AppError("not_found", "No such facility");
  return rows[0];
}

export async function currentFacilityPolicy(
  db: Queryable,
  facilityId: string,
): Promise<FacilityPolicyValues> {
  return {
    publishing: await readStoredPolicy(db, facilityId, "publishing"),
    retention: await readStoredPolicy(db, facilityId, "retention"),
  };
}

/**
 * What saving `retention` would purge from the facility now, and (for comparison) what the next
 * purge removes under the policy in force.
 */
export async function retentionChangeImpact(
  db: Queryable,
  facilityId: string,
  retention: FacilityPolicyValues["retention"],
  now: Date,
): Promise<{ impact: PurgeImpact; dueNow: PurgeImpact }> {
  const current = await readStoredPolicy(db, facilityId, "retention");
  return {
    impact: await purgeImpact(db, facilityId, retention, now),
    dueNow: await purgeImpact(db, facilityId, current, now),
  };
}

function sameFigures(impact: PurgeImpact, confirmed: ConfirmedImpact | undefined): boolean {
  return (
    confirmed !== undefined &&
    impact.patients === confirmed.patients &&
    impact.currentPatients === confirmed.currentPatients &&
    impact.documents === confirmed.documents
  );
}

export async function changeFacilityPolicy(
  db: Database,
  principal: Principal,
  change: {
    facilityId: string;
    value: FacilityPolicyValues;
    /** Absent on the first submit of a retention change. */
    confirmed?: ConfirmedImpact;
    now?: Date;
  },
): Promise<PolicyChangeOutcome> {
  authorize(principal, { permission: "admin:settings" });
  const now = change.now ?? new Date();
  const facility = await findFacility(db, change.facilityId);
  const before = await currentFacilityPolicy(db, facility.id);
  const retentionChanged =
    before.retention.graceHoursAfterDischarge !== change.value.retention.graceHoursAfterDischarge ||
    before.retention.maxDaysWithoutEvents !== change.value.retention.maxDaysWithoutEvents;
  if (retentionChanged) {
    const { impact, dueNow } = await retentionChangeImpact(db, facility.id, change.value.retention, now);
    if (!sameFigures(impact, change.confirmed)) {
      return { status: "confirm", impact, dueNow, figuresMoved: change.confirmed !== undefined };
    }
  }
  const changed = await writeTransaction(db, async (tx) => {
    // Read again inside the write: what the audit row calls "before" is what this commit replaces.
    const stored = await currentFacilityPolicy(tx, facility.id);
    const audits: AuditEventInput[] = [];
    const audit = (key: string, from: number | readonly string[], to: number | readonly string[]) =>
      audits.push({
        ...actorFields(principal),
        action: "setting.changed",
        outcome: "success",
        occurredAt: now,
        detail: { key, facilityId: facility.id, facilityCode: facility.code, before: from, after: to },
      });
    const fromFields = stored.publishing.fields;
    const toFields = [...change.value.publishing.fields].sort();
    if (fromFields.join() !== toFields.join()) {
      await writePolicy(tx, facility.id, "publishing", { fields: toFields });
      audit("publishing.fields", fromFields, toFields);
    }
    const from = stored.retention;
    const to = change.value.retention;
    if (
      from.graceHoursAfterDischarge !== to.graceHoursAfterDischarge ||
      from.maxDaysWithoutEvents !== to.maxDaysWithoutEvents
    ) {
      await writePolicy(tx, facility.id, "retention", to);
      if (from.graceHoursAfterDischarge !== to.graceHoursAfterDischarge)
        audit(
          "retention.graceHoursAfterDischarge",
          from.graceHoursAfterDischarge,
          to.graceHoursAfterDischarge,
        );
      if (from.maxDaysWithoutEvents !== to.maxDaysWithoutEvents)
        audit("retention.maxDaysWithoutEvents", from.maxDaysWithoutEvents, to.maxDaysWithoutEvents);
    }
    if (audits.length > 0) await recordAudit(tx, audits);
    return audits.map((event) => String(event.detail?.key));
  });
  forgetPolicies(facility.id);
  return changed.length === 0 ? { status: "unchanged" } : { status: "saved", changed };
}
