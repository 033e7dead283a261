/**
 * The sources feed health watches (`feed_source`, migration 0028): each with its display parts,
 * the API client's name, its last message (from the latest minute of `feed_minute`: two index
 * look-ups on the primary key per source, not a scan) and its silence threshold. Admin changes
 * (a threshold, stopping watching a retired source) commit with their `setting.changed` audit row.
 * A source whose API client is revoked is not watched: rotating a key retires its sources.
 */
import "server-only";
import { z } from "zod";
import type { ActorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import type { WatchedSource } from "./feed-silence";
import { type FeedProtocol, feedSourceLabel } from "./feed-source";

export interface FeedSourceSummary extends WatchedSource {
  protocol: FeedProtocol;
  clientName: string | undefined;
  /** The admin's threshold; null means the default (FEED_SILENCE_MINUTES). */
  customThresholdMinutes: number | null;
  /** False when the API client is revoked (or gone): the alarm ignores the source. */
  watched: boolean;
}

interface SourceRow {
  source: string;
  client_id: string;
  protocol: FeedProtocol;
  sending_application: string | null;
  sending_facility: string | null;
  silence_minutes: number | null;
  first_seen_at: Date | string;
  client_name: string | null;
  client_revoked_at: Date | string | null;
  last_at: Date | string | null;
}

export async function feedSources(db: Queryable, defaultMinutes: number): Promise<FeedSourceSummary[]> {
  const { rows } = await db.query<SourceRow>(
    `SELECT s.source, s.client_id, s.protocol, s.sending_application, s.sending_facility,
            s.silence_minutes, s.first_seen_at, c.name AS client_name, c.revoked_at AS client_revoked_at,
            (SELECT max(m.last_at) FROM feed_minute m
              WHERE m.source = s.source
                AND m.minute = (SELECT max(l.minute) FROM feed_minute l WHERE l.source = s.source)) AS last_at
       FROM feed_source s LEFT JOIN api_client c ON c.id::text = s.client_id
      ORDER BY s.source`,
  );
  return rows.map((row) => {
    const parts = {
      protocol: row.protocol,
      sendingApplication: row.sending_application ?? undefined,
      sendingFacility: row.sending_facility ?? undefined,
    };
    return {
      source: row.source,
      clientId: row.client_id,
      ...parts,
      clientName: row.client_name ?? undefined,
      label: feedSourceLabel(parts, row.client_name ?? undefined),
      lastMessageAt: row.last_at ? new Date(row.last_at) : null,
      firstSeenAt: new Date(row.first_seen_at),
      customThresholdMinutes: row.silence_minutes,
      thresholdMinutes: row.silence_minutes ?? defaultMinutes,
      watched: row.client_name !== null && row.client_revoked_at === null,
    };
  });
}

/** The sources the silence alarm evaluates. */
export async function watchedFeedSources(
  db: Queryable,
  defaultMinutes: number,
): Promise<FeedSourceSummary[]> {
  return (await feedSources(db, defaultMinutes)).filter((source) => source.watched);
}

/** A week at most: longer than any planned quiet period, short enough to still mean something. */
export const maxSilenceMinutes = 10_080;

const thresholdSchema = z.union([
  z.null(),
  z
    .number({ message: "must be a whole number of minutes" })
    .int("must be a whole number of minutes")
    .min(1, "must be at least 1 minute")
    .max(maxSilenceMinutes, `must be at most ${maxSilenceMinutes} minutes (a week)`),
]);

function audit(
  tx: Queryable,
  by: ActorFields,
  change: string,
  source: string,
  before: number | null,
  after: number | null,
) {
  return recordAudit(tx, {
    method: "system",
    ...by,
    action: "setting.changed",
    outcome: "success",
    detail: { key: "feed-silence", change, source, before, after },
  });
}

/** Sets a source's silence threshold in minutes, or with null goes back to the default. */
export async function setFeedSilenceThreshold(
  db: Database,
  source: string,
  minutes: unknown,
  by: ActorFields,
): Promise<{ before: number | null; after: number | null }> {
  const parsed = thresholdSchema.safeParse(minutes);
  if (!parsed.success) {
    throw new AppError("bad_request", `Silence threshold ${parsed.error.issues[0]!.message}`, {
      location: "minutes",
    });
  }
  const after = parsed.data;
  return writeTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ silence_minutes: number | null }>(
      "SELECT silence_minutes FROM feed_source WHERE source = $1",
      [source],
    );
    if (!rows[0]) throw new AppError("not_found", "No feed source with that name", { location: "source" });
    const before = rows[0].silence_minutes;
    if (before === after) return { before, after };
    await tx.query("UPDATE feed_source SET silence_minutes = $2 WHERE source = $1", [source, after]);
    await audit(tx, by, "threshold", source, before, after);
    return { before, after };
  });
}

/**
 * Stops watching a retired source (an application renamed, a facility closed). If it sends again
 * it is watched again, with the default threshold.
 */
export async function stopWatchingFeedSource(db: Database, source: string, by: ActorFields): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ silence_minutes: number | null }>(
      "DELETE FROM feed_source WHERE source = $1 RETURNING silence_minutes",
      [source],
    );
    if (!rows[0]) throw new AppError("not_found", "No feed source with that name", { location: "source" });
    await audit(tx, by, "stopped-watching", source, rows[0].silence_minutes, null);
  });
}
