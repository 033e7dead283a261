/**
 * When a ward PC was last seen (`launcher_device.last_seen_at`, migration 0030): set when one of
 * its launcher tokens is accepted. A busy PC launches many times an hour; writing its row each
 * time would make it a hot row (Aurora DSQL is optimistic, and concurrent writers to one row
 * conflict), so the update only matches when the recorded time is older than `lastSeenPrecisionMs`.
 * Most launches therefore write nothing; the console shows "last seen" to within a few minutes.
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";

export const lastSeenPrecisionMs = 5 * 60_000;

/** Records that `deviceId` was seen at `now`; true when the row was written (stale or never set). */
export async function noteDeviceSeen(q: Queryable, deviceId: string, now: Date): Promise<boolean> {
  const staleBefore = new Date(now.getTime() - lastSeenPrecisionMs);
  const result = await q.query(
    `UPDATE launcher_device SET last_seen_at = $2
      WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < $3)`,
    [deviceId, now, staleBefore],
  );
  return result.rowCount === 1;
}
