/**
 * Scheduled purge (EventBridge Scheduler, every 15 minutes: infra/lib/jobs.ts): the same pass as
 * `npm run purge` (lib/runtime/scheduled-purge.ts). Logs one `purge.scheduled` line with counts and
 * bytes (the dashboard's "purge bytes" comes from it); a patient that failed makes the invocation
 * fail, so Lambda's error metric and the scheduler's retry see it.
 */
import { log } from "@/lib/log";
import { runScheduledPurge, type ScheduledPurgeSummary } from "../scheduled-purge";
import { type JobContext, jobContext } from "./job-context";

export async function purge(context: JobContext, now = new Date()): Promise<ScheduledPurgeSummary> {
  const summary = await runScheduledPurge({ ...context, now });
  log.info("purge.scheduled", {
    runId: summary.runId,
    patients: summary.patients,
    documents: summary.documents,
    bytes: summary.bytes + summary.orphanBytes,
    failed: summary.failed,
    durationMs: summary.durationMs,
  });
  if (summary.failed > 0)
    throw new Error(`${summary.failed} patient(s) could not be purged; they stay for the next run`);
  return summary;
}

export async function handler(): Promise<ScheduledPurgeSummary> {
  return purge(await jobContext());
}
