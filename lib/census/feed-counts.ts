/**
 * Messages received per source and outcome since a time, from the delivery records
 * (`ingest_message`): what the feed-health view shows an integration team (applied, applied with
 * a reused control id, not used, outside the census). Holds no patient data.
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";

export interface FeedCount {
  /** `<api client id>|<sending application>|<sending facility>` for HL7; the client's source otherwise. */
  source: string;
  outcome: string;
  messages: number;
  lastReceivedAt: Date;
}

export async function feedCounts(db: Queryable, since: Date): Promise<FeedCount[]> {
  const { rows } = await db.query<{ source: string; outcome: string; messages: number; last: Date }>(
    `SELECT source, outcome, count(*)::int AS messages, max(received_at) AS last
       FROM ingest_message WHERE received_at >= $1
      GROUP BY source, outcome ORDER BY source, outcome`,
    [since],
  );
  return rows.map((row) => ({
    source: row.source,
    outcome: row.outcome,
    messages: row.messages,
    lastReceivedAt: new Date(row.last),
  }));
}
