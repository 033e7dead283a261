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
 * silence threshold screens apply to it. `silenceMinutes` is FEED_SILENCE_MINUTES for every
 * facility today; a per-source setting may later override it here.
 */
export async function readFeedAges(db: Queryable, silenceMinutes: number): Promise<FeedAge[]> {
  const { rows } = await db.query<{ code: string; last_message_at: Date | string | null }>(
    `SELECT f.code,
            (SELECT max(m.received_at) FROM ingest_message m WHERE m.facility_code = f.code) AS last_message_at
       FROM facility f
      ORDER BY f.code`,
  );
  return rows.map((row) => ({
    facilityCode: row.code,
    lastMessageAt: row.last_message_at === null ? null : new Date(row.last_message_at).toISOString(),
    silenceMinutes,
  }));
}
