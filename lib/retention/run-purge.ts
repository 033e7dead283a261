/**
 * One purge run across every facility (or, for the local timer, only the demo hospital: see
 * purge-scope.ts), each with its own retention policy. Patients are purged one at a time, a page
 * of candidates at a time. Safe to run from two processes at once: each write is retried on
 * conflicts by writeTransaction, and whichever runner commits a patient's final transaction first
 * writes its purge_log row while the other finds the patient gone. A patient that fails is logged
 * (without identifiers) and left for the next run; a database that is unavailable stops the run.
 * After each facility's patients, stored objects that no document row names are swept
 * (sweep-orphan-objects.ts): what a storage blip left behind when a document was replaced.
 * Last, the run writes today's storage_daily row for every facility (storage-history.ts).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { readPolicy } from "@/lib/census/facility-policy";
import { forEachLimited } from "@/lib/db/sql-lists";
import type { Database } from "@/lib/db/types";
import { isUnavailableError } from "@/lib/db/unavailable";
import { writeTransaction } from "@/lib/db/write-transaction";
import { log as defaultLog, safeError } from "@/lib/log";
import type { DocumentStore } from "@/lib/storage/types";
import { purgeCandidatePages } from "./purge-candidates";
import { purgePatient } from "./purge-patient";
import { type PurgeReason, retentionCutoffs } from "./purge-rules";
import { facilitiesInScopeSql, type PurgeScope } from "./purge-scope";
import { recordStorageDay } from "./storage-history";
import { orphanGraceMs, sweepOrphanObjects } from "./sweep-orphan-objects";

export interface PurgeSummary {
  runId: string;
  patients: number;
  stays: number;
  events: number;
  documents: number;
  bytes: number;
  byReason: Record<PurgeReason, number>;
  /** Patients that failed this run and stay for the next one. */
  failed: number;
  /** Stored objects no document row named, swept (sweep-orphan-objects.ts). */
  orphanObjects: number;
  orphanBytes: number;
  durationMs: number;
}

export type PurgeLogger = Pick<typeof defaultLog, "info" | "warn">;

export interface RunPurgeOptions {
  db: Database;
  storage: DocumentStore;
  /** Key for tombstone hashes: the same one ingest uses (see ingest-context.ts). */
  tombstoneKey: string;
  now: Date;
  log?: PurgeLogger;
  /** Candidates fetched per query. */
  pageSize?: number;
  /** Patients purged at once (default 4 on a server database, 1 on PGlite). */
  concurrency?: number;
  /** Every facility (the default), or only those loaded as demo data (purge-scope.ts). */
  scope?: PurgeScope;
  /**
   * Objects with no row are swept once last written this long ago (default 1 hour). Measured on
   * the wall clock, not `now`: the store stamps objects with the time they were written.
   */
  orphanGraceMs?: number;
}

export async function runPurge(options: RunPurgeOptions): Promise<PurgeSummary> {
  const started = performance.now();
  const log = options.log ?? defaultLog;
  const summary: PurgeSummary = {
    runId: randomUUID(),
    patients: 0,
    stays: 0,
    events: 0,
    documents: 0,
    bytes: 0,
    byReason: { discharged: 0, stale: 0 },
    failed: 0,
    orphanObjects: 0,
    orphanBytes: 0,
    durationMs: 0,
  };
  const orphansModifiedBefore = new Date(Date.now() - (options.orphanGraceMs ?? orphanGraceMs));
  // Patients are independent: a few at a time keep a server database busy. PGlite has one
  // connection, so there they go one by one.
  const concurrency = options.concurrency ?? (options.db.dialect === "pglite" ? 1 : 4);
  const facilities = await options.db.query<{ id: string }>(facilitiesInScopeSql(options.scope ?? "all"));
  if (options.scope === "demo-only") await warnOfSkippedFacilities(options.db, log, facilities.rows.length);
  for (const { id: facilityId } of facilities.rows) {
    const policy = await readPolicy(options.db, facilityId, "retention");
    const ctx = { ...options, runId: summary.runId, cutoffs: retentionCutoffs(policy, options.now) };
    for await (const page of purgeCandidatePages(options.db, facilityId, ctx.cutoffs, options.pageSize)) {
      await forEachLimited(page, concurrency, async (candidate) => {
        try {
          const purged = await purgePatient(ctx, candidate.patientId);
          if (!purged) return;
          summary.patients += 1;
          summary.stays += purged.stays;
          summary.events += purged.events;
          summary.documents += purged.documents;
          summary.bytes += purged.bytes;
          summary.byReason[purged.reason] += 1;
        } catch (error) {
          if (isUnavailableError(error)) throw error;
          summary.failed += 1;
          log.warn("purge.patient.failed", { runId: summary.runId, ...safeError(error) });
        }
      });
    }
    await sweepFacility(options, facilityId, orphansModifiedBefore, summary, log);
  }
  await recordStorageHistory(options, summary, log);
  if (summary.orphanObjects > 0) {
    log.info("purge.orphans.swept", {
      runId: summary.runId,
      objects: summary.orphanObjects,
      bytes: summary.orphanBytes,
    });
  }
  summary.durationMs = Math.round(performance.now() - started);
  if (summary.patients > 0) {
    // Counts only: the purge record (purge_log) already holds what went, without identifiers.
    await writeTransaction(options.db, (tx) =>
      recordAudit(tx, {
        action: "purge.run",
        outcome: summary.failed > 0 ? "failure" : "success",
        method: "system",
        occurredAt: options.now,
        detail: {
          runId: summary.runId,
          patients: summary.patients,
          stays: summary.stays,
          documents: summary.documents,
          bytes: summary.bytes,
        },
      }),
    );
  }
  return summary;
}

/** A failed sweep waits for the next run, unless the store or database is down: that stops the run. */
async function sweepFacility(
  options: RunPurgeOptions,
  facilityId: string,
  modifiedBefore: Date,
  summary: PurgeSummary,
  log: PurgeLogger,
): Promise<void> {
  try {
    const swept = await sweepOrphanObjects(options.db, options.storage, facilityId, { modifiedBefore });
    summary.orphanObjects += swept.objects;
    summary.orphanBytes += swept.bytes;
  } catch (error) {
    if (isUnavailableError(error)) throw error;
    log.warn("purge.orphans.failed", { runId: summary.runId, ...safeError(error) });
  }
}

/** The day's storage row; a failure is logged and waits for the next run, unless the database is down. */
async function recordStorageHistory(options: RunPurgeOptions, summary: PurgeSummary, log: PurgeLogger) {
  try {
    await writeTransaction(options.db, (tx) => recordStorageDay(tx, options.now));
  } catch (error) {
    if (isUnavailableError(error)) throw error;
    log.warn("purge.storage_history.failed", { runId: summary.runId, ...safeError(error) });
  }
}

/**
 * Said on every demo-only run, so whoever reads the log learns that their own facilities keep
 * their data, and how to purge them. Counts only.
 */
async function warnOfSkippedFacilities(db: Database, log: PurgeLogger, inScope: number): Promise<void> {
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM facility");
  const skipped = rows[0]!.n - inScope;
  if (skipped === 0) return;
  log.warn("purge.scope.demo_only", {
    skippedFacilities: skipped,
    note:
      "The local purge timer purges only the demo hospital; facilities created by an operator keep " +
      "their data until `npm run purge` is run",
  });
}
