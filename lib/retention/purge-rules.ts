/**
 * When a patient is due for purge (docs/design.md §5), as pure functions of the stored facts, the
 * facility's retention policy and `now`. The SQL in purge-candidates.ts only narrows the search;
 * this module is the rule of record, applied again to every candidate and again inside the
 * transaction that removes the patient.
 */
import type { StayStatus } from "@/lib/adt/stay-status";

export type PurgeReason = "discharged" | "stale";
export const purgeReasons: readonly PurgeReason[] = ["discharged", "stale"];

export interface RetentionPolicyValues {
  graceHoursAfterDischarge: number;
  maxDaysWithoutEvents: number;
}

export interface RetentionCutoffs {
  /** A stay that ended at or before this instant is past the grace period. */
  endedBefore: Date;
  /** A stay (or a person-only record) with no event since this instant is stale. */
  staleBefore: Date;
}

export interface StayFacts {
  status: StayStatus;
  dischargedAt: Date | null;
  lastEventAt: Date;
}

export interface PatientFacts {
  stays: readonly StayFacts[];
  /** `patient.updated_at`: the only clock a person-only record (A28/A31, no stay) has. */
  updatedAt: Date;
}

const hourMs = 3_600_000;

export function retentionCutoffs(policy: RetentionPolicyValues, now: Date): RetentionCutoffs {
  return {
    endedBefore: new Date(now.getTime() - policy.graceHoursAfterDischarge * hourMs),
    staleBefore: new Date(now.getTime() - policy.maxDaysWithoutEvents * 24 * hourMs),
  };
}

/**
 * When a stay ended, or null while it is open. A cancelled stay (A11 undid its admission) ended
 * with its last event; a discharged stay at its discharge time, falling back to its last event
 * when the fold inferred the discharge from an A08 without a time.
 */
export function stayEndedAt(stay: StayFacts): Date | null {
  if (stay.status === "cancelled") return stay.lastEventAt;
  if (stay.status === "discharged") return stay.dischargedAt ?? stay.lastEventAt;
  return null;
}

/**
 * "ended": discharged or cancelled, and the grace period has passed (an A13 inside the grace
 * period re-folds the stay to admitted, so it is simply open again). "stale": no event for
 * maxDaysWithoutEvents, whatever its status, so nothing lingers when a discharge never arrives.
 * "keep": anything else, which keeps the whole patient.
 */
export function stayRetention(stay: StayFacts, cutoffs: RetentionCutoffs): "ended" | "stale" | "keep" {
  const ended = stayEndedAt(stay);
  if (ended && ended.getTime() <= cutoffs.endedBefore.getTime()) return "ended";
  if (stay.lastEventAt.getTime() <= cutoffs.staleBefore.getTime()) return "stale";
  return "keep";
}

/**
 * A patient is purged whole, or not at all: every stay must be ended or stale. The reason is
 * "discharged" when every stay ended, "stale" when at least one only went quiet. A patient with
 * no stay at all (person-only messages) goes as "stale" once the record itself is that old.
 */
export function purgeReason(patient: PatientFacts, cutoffs: RetentionCutoffs): PurgeReason | null {
  if (patient.stays.length === 0) {
    return patient.updatedAt.getTime() <= cutoffs.staleBefore.getTime() ? "stale" : null;
  }
  let reason: PurgeReason = "discharged";
  for (const stay of patient.stays) {
    const retention = stayRetention(stay, cutoffs);
    if (retention === "keep") return null;
    if (retention === "stale") reason = "stale";
  }
  return reason;
}
