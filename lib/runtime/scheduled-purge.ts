/**
 * One purge pass as `npm run purge` and the scheduled purge function run it: patients past their
 * facility's retention policy, then expired sign-in bookkeeping, feed health over 30 days and
 * the rest of any large patient merge left unfinished.
 * The CLI (scripts/purge.ts) and the Lambda entry point (lib/runtime/lambda/purge-handler.ts)
 * both call this, so the deployed schedule runs exactly what an operator runs by hand.
 */
import { runAuthHousekeeping } from "@/lib/auth/housekeeping";
import { finishPendingMerges } from "@/lib/census/patient-merge";
import type { Database } from "@/lib/db/types";
import type { Config } from "@/lib/env";
import { pruneFeedHealth } from "@/lib/ingest/feed-health/prune-feed-health";
import { type PurgeSummary, runPurge } from "@/lib/retention/run-purge";
import type { DocumentStore } from "@/lib/storage/types";
import { tombstoneKeyFor } from "./app-ingest-context";

export type ScheduledPurgeSummary = PurgeSummary & {
  housekeeping: Awaited<ReturnType<typeof runAuthHousekeeping>> &
    Awaited<ReturnType<typeof pruneFeedHealth>> & { mergesFinished: number };
};

export async function runScheduledPurge(options: {
  config: Pick<Config, "dataEncryptionKey">;
  db: Database;
  storage: DocumentStore;
  now?: Date;
}): Promise<ScheduledPurgeSummary> {
  const { config, db, storage } = options;
  const now = options.now ?? new Date();
  const summary = await runPurge({ db, storage, tombstoneKey: tombstoneKeyFor(config), now });
  const housekeeping = {
    ...(await runAuthHousekeeping(db, now)),
    ...(await pruneFeedHealth(db, now)),
    mergesFinished: await finishPendingMerges(db),
  };
  return { ...summary, housekeeping };
}
