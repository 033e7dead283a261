/**
 * When each facility's feed last delivered a census (ADT) message: the latest `received_at` of its
 * `ingest_message` rows (migration 0033), one index probe per facility, so every screen can read
 * it on every poll. Nothing is updated per message: a "last seen" row per facility would be a hot
 * row under Aurora DSQL's optimistic concurrency (docs/design.md section 3.2). No patient data.
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";
import type { FeedAge } from "@/lib/ward-list/feed-age";

/**
 * Every configured facility with the time of its latest census message (null: none yet), and the
 * silence threshold screens apply to it: the threshold an admin set in the console for the source
 * that delivered that message (`feed_source.silence_minutes`), else `defaultSilenceMinutes`
 * (FEED_SILENCE_MINUTES). The latest source is the one whose silence the screen would show, so a
 * quiet overnight feed set to 60 minutes does not turn every ward red at 15, and a busy feed set
 * to 5 warns staff sooner.
 */
export async function readFeedAges(db: Queryable, defaultSilenceMinutes: number): Promise<FeedAge[]> {
  const { rows } = await db.query<{
    code: string;
    last_message_at: Date | string | null;
    silence_minutes: number | null;
  }>(
    `SELECT f.code, latest.received_at AS last_message_at, s.silence_minutes
       FROM facility f
       LEFT JOIN LATERAL (
             SELECT m.received_at, m.source FROM ingest_message m
              WHERE m.facility_code = f.code
              ORDER BY m.received_at DESC
              LIMIT 1) latest ON true
       LEFT JOIN feed_source s ON s.source = latest.source
      ORDER BY f.code`,
  );
  return rows.map((row) => ({
    facilityCode: row.code,
    lastMessageAt: row.last_message_at === null ? null : new Date(row.last_message_at).toISOString(),
    silenceMinutes: row.silence_minutes ?? defaultSilenceMinutes,
  }));
}
