/**
 * Keeps 30 days of feed health: per-minute counters and rejections older than that are deleted in
 * batches (DSQL's 3,000-row transaction limit). Run by the housekeeping beside the purge (the
 * in-process timer locally, `npm run purge` when deployed). `feed_source` rows stay: a source
 * silent for a month is still silent.
 */
import "server-only";
import { deleteInBatches } from "@/lib/db/delete-in-batches";
import type { Database } from "@/lib/db/types";

export const feedHealthRetentionMs = 30 * 24 * 60 * 60 * 1000;

export interface FeedPruneSummary {
  feedMinutes: number;
  feedRejections: number;
}

export async function pruneFeedHealth(
  db: Database,
  now: Date,
  batchSize?: number,
): Promise<FeedPruneSummary> {
  const before = new Date(now.getTime() - feedHealthRetentionMs);
  const feedMinutes = await deleteInBatches(
    db,
    `DELETE FROM feed_minute WHERE (source, minute, outcome, shard) IN
       (SELECT source, minute, outcome, shard FROM feed_minute WHERE minute < $1 LIMIT $2)`,
    [before],
    batchSize,
  );
  const feedRejections = await deleteInBatches(
    db,
    `DELETE FROM feed_rejection WHERE id IN
       (SELECT id FROM feed_rejection WHERE received_at < $1 LIMIT $2)`,
    [before],
    batchSize,
  );
  return { feedMinutes, feedRejections };
}
