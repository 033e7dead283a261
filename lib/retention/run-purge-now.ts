/**
 * "Run the purge now" from the console: the same run the schedule makes (run-purge.ts), over
 * every facility (as `npm run purge`: an admin asking is a deliberate act, unlike the local
 * timer, which purges only the demo hospital), audited as `purge.requested` with who asked and
 * what the run removed. Safe beside a scheduled run: concurrent runs are (run-purge.ts).
 */
import "server-only";
import { authorize } from "@/lib/access/authorize";
import { actorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import { writeTransaction } from "@/lib/db/write-transaction";
import { type PurgeSummary, type RunPurgeOptions, runPurge } from "./run-purge";

export async function runPurgeNow(
  principal: Principal,
  options: Omit<RunPurgeOptions, "scope">,
  run: (options: RunPurgeOptions) => Promise<PurgeSummary> = runPurge,
): Promise<PurgeSummary> {
  authorize(principal, { permission: "admin:settings" });
  const summary = await run({ ...options, scope: "all" });
  await writeTransaction(options.db, (tx) =>
    recordAudit(tx, {
      ...actorFields(principal),
      action: "purge.requested",
      outcome: summary.failed > 0 ? "failure" : "success",
      occurredAt: options.now,
      detail: {
        runId: summary.runId,
        patients: summary.patients,
        documents: summary.documents,
        bytes: summary.bytes,
        failed: summary.failed,
      },
    }),
  );
  return summary;
}
