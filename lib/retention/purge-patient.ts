/**
 * Purges one patient: documents (store, then rows), stay events in batches, overflow stays, then
 * one final transaction for the stays, merge pointers, patient, tombstones and purge_log row.
 *
 * Resumable by construction: the facts that make a patient due (the patient and stay rows) are
 * only deleted in the final transaction, so after a crash at any point the next run finds the
 * same patient due again and carries on from whatever is left; every step before the final one
 * is idempotent. The purge_log row is written only in that final transaction, so it is never
 * written twice.
 *
 * What its counts mean: the rows the purge removed, as seen by the run that finished it.
 * `patients` is always 1 (merge pointers are the same person). `stays`, `documents` and `bytes`
 * are exact, because those rows are deleted in the final transaction, unless the patient had
 * more than `finalStays` stays or `finalDocuments` documents. `events` is exact for a purge that
 * ran through; after a crash it leaves out the events the crashed attempt had already deleted.
 * So a count is never doubled, and is at worst a lower bound after a crash.
 */
import "server-only";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { DocumentStore } from "@/lib/storage/types";
import { deleteOverflowStays, deleteStayEvents } from "./purge-batches";
import { purgeDocuments } from "./purge-documents";
import { type EarlierCounts, finishPurge } from "./purge-finish";
import type { PurgeReason, RetentionCutoffs } from "./purge-rules";
import { loadPurgeTarget } from "./purge-target";

export interface PurgePatientContext {
  db: Database;
  storage: DocumentStore;
  tombstoneKey: string;
  runId: string;
  cutoffs: RetentionCutoffs;
}

export interface PatientPurged {
  reason: PurgeReason;
  stays: number;
  events: number;
  documents: number;
  bytes: number;
}

/** Rounds before giving up on a patient whose data keeps changing under the purge. */
const maxRounds = 3;

/** Returns what was removed, or null when the patient is not due (or another runner purged it). */
export async function purgePatient(
  ctx: PurgePatientContext,
  patientId: string,
): Promise<PatientPurged | null> {
  const counts = { events: 0, stays: 0, documents: 0, bytes: 0 };
  for (let round = 1; round <= maxRounds; round++) {
    const target = await loadPurgeTarget(ctx.db, patientId, ctx.cutoffs);
    if (target === "gone" || target === "not-due") return null;
    const documents = await purgeDocuments(ctx.db, ctx.storage, target);
    counts.documents += documents.deleted.documents;
    counts.bytes += documents.deleted.bytes;
    counts.events += await deleteStayEvents(
      ctx.db,
      target.stays.map((stay) => stay.id),
    );
    counts.stays += await deleteOverflowStays(ctx.db, target, ctx.tombstoneKey);
    const earlier: EarlierCounts = { reason: target.reason, ...counts };
    const outcome = await finishPurge(ctx.db, patientId, {
      runId: ctx.runId,
      cutoffs: ctx.cutoffs,
      tombstoneKey: ctx.tombstoneKey,
      earlier,
      documents: documents.deferred,
    });
    if (outcome.kind === "purged") {
      return {
        reason: target.reason,
        stays: counts.stays + outcome.stays,
        events: counts.events + outcome.events,
        documents: counts.documents + outcome.documents,
        bytes: counts.bytes + outcome.bytes,
      };
    }
    if (outcome.kind === "again") continue;
    // Readmitted, or a late event restored a stay, while its older data was being removed: the
    // patient stays, possibly without documents or some events of the past stays. Rare (it needs
    // an event for a patient already past retention); logged so operations can see it happened.
    if (outcome.kind === "not-due") log.warn("purge.patient.no-longer-due", { runId: ctx.runId });
    return null;
  }
  throw new AppError(
    "conflict",
    `Patient purge did not settle after ${maxRounds} rounds; the next run retries`,
  );
}
