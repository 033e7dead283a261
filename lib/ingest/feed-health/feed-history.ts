/**
 * What the feed page reads from `feed_minute` and `feed_rejection` (migration 0028): answers per
 * minute (shards summed), totals per source and outcome, and the recent rejections. Holds no
 * patient data. A day of minutes is at most 1,440 × outcomes × 8 shards rows per source, read
 * through the `minute` index.
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";
import { type FeedOutcome, feedOutcomes } from "./record-feed-answers";

export interface MinuteCounts {
  /** Start of the minute. */
  minute: Date;
  counts: Record<FeedOutcome, number>;
}

const zero = (): Record<FeedOutcome, number> => ({ AA: 0, AE: 0, AR: 0, unavailable: 0 });

/** Answers per minute in [since, until), every source together, oldest first; quiet minutes left out. */
export async function answersPerMinute(db: Queryable, since: Date, until: Date): Promise<MinuteCounts[]> {
  const { rows } = await db.query<{ minute: Date | string; outcome: string; answers: number }>(
    `SELECT minute, outcome, sum(answers)::int AS answers FROM feed_minute
      WHERE minute >= $1 AND minute < $2 GROUP BY minute, outcome ORDER BY minute`,
    [since, until],
  );
  const byMinute = new Map<number, MinuteCounts>();
  for (const row of rows) {
    const minute = new Date(row.minute);
    const entry = byMinute.get(minute.getTime()) ?? { minute, counts: zero() };
    if ((feedOutcomes as readonly string[]).includes(row.outcome)) {
      entry.counts[row.outcome as FeedOutcome] += row.answers;
    }
    byMinute.set(minute.getTime(), entry);
  }
  return [...byMinute.values()];
}

export interface SourceTotals {
  source: string;
  counts: Record<FeedOutcome, number>;
}

/** Answers per source and outcome since a time. */
export async function answersPerSource(db: Queryable, since: Date): Promise<SourceTotals[]> {
  const { rows } = await db.query<{ source: string; outcome: string; answers: number }>(
    `SELECT source, outcome, sum(answers)::int AS answers FROM feed_minute
      WHERE minute >= $1 GROUP BY source, outcome ORDER BY source`,
    [since],
  );
  const bySource = new Map<string, SourceTotals>();
  for (const row of rows) {
    const entry = bySource.get(row.source) ?? { source: row.source, counts: zero() };
    if ((feedOutcomes as readonly string[]).includes(row.outcome)) {
      entry.counts[row.outcome as FeedOutcome] += row.answers;
    }
    bySource.set(row.source, entry);
  }
  return [...bySource.values()];
}

export interface FeedRejection {
  id: string;
  receivedAt: Date;
  source: string;
  controlId: string | null;
  ackCode: "AE" | "AR";
  reason: string;
}

export interface RejectionPage {
  rejections: FeedRejection[];
  total: number;
}

/** The most recent rejections, newest first, a page at a time. */
export async function recentRejections(
  db: Queryable,
  options: { since: Date; limit: number; offset: number; ackCode?: "AE" | "AR" },
): Promise<RejectionPage> {
  const filter = options.ackCode ? " AND ack_code = $2" : "";
  const params: unknown[] = options.ackCode ? [options.since, options.ackCode] : [options.since];
  const [page, count] = await Promise.all([
    db.query<{
      id: string;
      received_at: Date | string;
      source: string;
      control_id: string | null;
      ack_code: "AE" | "AR";
      reason: string;
    }>(
      `SELECT id, received_at, source, control_id, ack_code, reason FROM feed_rejection
        WHERE received_at >= $1${filter} ORDER BY received_at DESC, id
        LIMIT ${Math.max(1, Math.floor(options.limit))} OFFSET ${Math.max(0, Math.floor(options.offset))}`,
      params,
    ),
    db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM feed_rejection WHERE received_at >= $1${filter}`,
      params,
    ),
  ]);
  return {
    rejections: page.rows.map((row) => ({
      id: row.id,
      receivedAt: new Date(row.received_at),
      source: row.source,
      controlId: row.control_id,
      ackCode: row.ack_code,
      reason: row.reason,
    })),
    total: count.rows[0]?.total ?? 0,
  };
}
