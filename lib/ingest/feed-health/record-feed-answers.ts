/**
 * Records every answer ingest gives (AA, AE, AR, and AE answered with HTTP 503 as `unavailable`)
 * per source and minute in `feed_minute`, and each AE/AR in `feed_rejection` (migration 0028).
 *
 * No hot row: Aurora DSQL is optimistic, so two transactions that update the same row both run
 * and one fails at COMMIT (40001) and is retried. A single counter row per source and minute would
 * make every pair of concurrent ingests for a source conflict. Each write adds to the row of a
 * random one of `feedShards` shards, so concurrent writers meet on a row with probability about
 * 1/8 (an engine usually sends one message at a time per channel anyway), and the rare conflict
 * is retried by writeTransaction. Readers sum the shards (at most 8 rows per source, minute and
 * outcome), which is far fewer rows than one row per answer would be.
 *
 * Called after the message's own transaction has committed, never inside it, and best effort
 * (`recordFeedAnswersSafely`): a counter that cannot be written loses a count, never an ingest.
 */
import "server-only";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { log, safeError } from "@/lib/log";
import { feedRejectionReason } from "./feed-reason";
import type { FeedSourceRef } from "./feed-source";

export const feedShards = 8;
export const feedOutcomes = ["AA", "AE", "AR", "unavailable"] as const;
export type FeedOutcome = (typeof feedOutcomes)[number];

export interface FeedAnswer {
  ref: FeedSourceRef;
  at: Date;
  outcome: FeedOutcome;
  /** MSH-10 (or none when the message could not be read). */
  controlId?: string | null;
  /** The ACK's reason (ERR-8 / MSA-3) for AE and AR; sanitised before it is stored. */
  reason?: string;
}

/** Rejection rows one request may add: a batch of bad messages must not flood the table. */
const maxRejectionsPerCall = 50;

export interface RecordOptions {
  random?: () => number;
}

/**
 * Sources this process has written to `feed_source`, per database, with when to write them again
 * (a source an admin stopped watching is watched again within that time if it still sends).
 */
const knownSources = new WeakMap<Database, Map<string, number>>();
const sourceRecheckMs = 10 * 60_000;

async function ensureSources(db: Database, refs: readonly FeedSourceRef[]): Promise<void> {
  const known = knownSources.get(db) ?? new Map<string, number>();
  knownSources.set(db, known);
  const now = Date.now();
  const fresh = [...new Map(refs.map((ref) => [ref.source, ref])).values()].filter(
    (ref) => (known.get(ref.source) ?? 0) <= now,
  );
  if (fresh.length === 0) return;
  await writeTransaction(db, async (tx) => {
    for (const ref of fresh) {
      // A new key: two processes inserting it at once conflict once, and the retry does nothing.
      await tx.query(
        `INSERT INTO feed_source (source, client_id, protocol, sending_application, sending_facility)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (source) DO NOTHING`,
        [
          ref.source,
          ref.clientId,
          ref.protocol,
          ref.sendingApplication?.slice(0, 200) ?? null,
          ref.sendingFacility?.slice(0, 200) ?? null,
        ],
      );
    }
  });
  for (const ref of fresh) known.set(ref.source, now + sourceRecheckMs);
}

export function minuteOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

interface Tally {
  source: string;
  minute: Date;
  outcome: FeedOutcome;
  answers: number;
  lastAt: Date;
}

function tally(answers: readonly FeedAnswer[]): Tally[] {
  const groups = new Map<string, Tally>();
  for (const answer of answers) {
    const minute = minuteOf(answer.at);
    const key = `${answer.ref.source}\u0000${minute.getTime()}\u0000${answer.outcome}`;
    const group = groups.get(key);
    if (group) {
      group.answers += 1;
      if (answer.at > group.lastAt) group.lastAt = answer.at;
    } else {
      groups.set(key, {
        source: answer.ref.source,
        minute,
        outcome: answer.outcome,
        answers: 1,
        lastAt: answer.at,
      });
    }
  }
  return [...groups.values()];
}

async function addTally(tx: Queryable, group: Tally, shard: number): Promise<void> {
  await tx.query(
    `INSERT INTO feed_minute (source, minute, outcome, shard, answers, last_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (source, minute, outcome, shard) DO UPDATE
       SET answers = feed_minute.answers + EXCLUDED.answers,
           last_at = GREATEST(feed_minute.last_at, EXCLUDED.last_at)`,
    [group.source, group.minute, group.outcome, shard, group.answers, group.lastAt],
  );
}

export async function recordFeedAnswers(
  db: Database,
  answers: readonly FeedAnswer[],
  options: RecordOptions = {},
): Promise<void> {
  if (answers.length === 0) return;
  const random = options.random ?? Math.random;
  await ensureSources(
    db,
    answers.map((answer) => answer.ref),
  );
  const groups = tally(answers);
  const rejections = answers.filter((answer) => answer.outcome !== "AA").slice(0, maxRejectionsPerCall);
  // More attempts than the default: this runs beside the ingest, so waiting a little longer for a
  // count is cheaper than losing it; each attempt draws new shards.
  await writeTransaction(
    db,
    async (tx) => {
      for (const group of groups) await addTally(tx, group, Math.floor(random() * feedShards));
      for (const rejection of rejections) {
        await tx.query(
          `INSERT INTO feed_rejection (received_at, source, control_id, ack_code, reason)
           VALUES ($1, $2, $3, $4, $5)`,
          [
            rejection.at,
            rejection.ref.source,
            rejection.controlId?.slice(0, 199) || null,
            rejection.outcome === "unavailable" ? "AE" : rejection.outcome,
            feedRejectionReason(rejection.reason),
          ],
        );
      }
    },
    { maxAttempts: 10 },
  );
}

/** As recordFeedAnswers, but a failure is logged (codes only) and swallowed: the ACK stands. */
export async function recordFeedAnswersSafely(
  db: Database,
  answers: readonly FeedAnswer[],
  options: RecordOptions = {},
): Promise<void> {
  try {
    await recordFeedAnswers(db, answers, options);
  } catch (error) {
    log.warn("feed.count_failed", { answers: answers.length, ...safeError(error) });
  }
}
