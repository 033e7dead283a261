/**
 * Scheduled feed check (EventBridge Scheduler, every minute: infra/lib/jobs.ts). On Lambda the
 * server's one-minute tick runs only while an instance is busy, so this function evaluates feed
 * silence on a clock (lib/runtime/feed-silence-monitor.ts: a newly silent source logs `feed.silent`,
 * which a CloudWatch metric filter alarms on) and logs the previous minute's ingest answers by
 * outcome (`ingest.answers`: AA, AE, AR, unavailable) for the dashboard and the rejection alarm.
 * Counts and source names only, never patient data.
 */
import type { Database } from "@/lib/db/types";
import { log } from "@/lib/log";
import { feedSilence } from "../feed-silence-monitor";
import { jobContext } from "./job-context";

export interface FeedCheck {
  watchedSilent: number;
  answers: Record<"AA" | "AE" | "AR" | "unavailable", number>;
}

/** The answers of the whole minute before `now`, summed over shards (feed_minute, migration 0028). */
async function answersInPreviousMinute(db: Database, now: Date): Promise<FeedCheck["answers"]> {
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const start = new Date(end.getTime() - 60_000);
  const rows = await db.query<{ outcome: string; answers: string | number }>(
    `SELECT outcome, SUM(answers) AS answers FROM feed_minute
      WHERE minute >= $1 AND minute < $2 GROUP BY outcome`,
    [start, end],
  );
  const answers = { AA: 0, AE: 0, AR: 0, unavailable: 0 };
  for (const row of rows.rows) {
    if (row.outcome in answers) answers[row.outcome as keyof typeof answers] = Number(row.answers);
  }
  return answers;
}

export async function checkFeeds(db: Database, silenceMinutes: number, now = new Date()): Promise<FeedCheck> {
  const silent = await feedSilence(db, silenceMinutes, { maxAgeMs: 0 });
  const answers = await answersInPreviousMinute(db, now);
  log.info("ingest.answers", { ...answers });
  log.info("feed.silence_check", { silent: silent.length });
  return { watchedSilent: silent.length, answers };
}

export async function handler(): Promise<FeedCheck> {
  const { config, db } = await jobContext();
  return checkFeeds(db, config.feedSilenceMinutes);
}
