/**
 * Reads and writes `sign_in_attempt`: one row per phone sign-in attempt (user id when the username
 * was known, IP, success), which the throttle counts for the per-IP limit (the per-device back-off
 * is in `sign_in_backoff`, sign-in-backoff.ts). Times come from the caller's clock so tests can
 * move time.
 */
import "server-only";
import { deleteInBatches } from "@/lib/db/delete-in-batches";
import type { Database, Queryable } from "@/lib/db/types";
import { deleteBackoffBefore } from "./sign-in-backoff";

const method = "byod";

export async function recordAttempt(
  q: Queryable,
  input: { userId: string | null; ip: string; succeeded: boolean; at: Date },
): Promise<void> {
  await q.query(
    "INSERT INTO sign_in_attempt (user_id, ip, method, succeeded, attempted_at) VALUES ($1, $2, $3, $4, $5)",
    [input.userId, input.ip, method, input.succeeded, input.at],
  );
}

export async function attemptsFromIp(q: Queryable, ip: string, since: Date): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM sign_in_attempt WHERE ip = $1 AND attempted_at > $2",
    [ip, since],
  );
  return rows[0]?.n ?? 0;
}

/** A known user's failed attempts since `since` (the throttle itself counts per device, not per account). */
export async function failuresSince(q: Queryable, userId: string, since: Date): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sign_in_attempt
      WHERE user_id = $1 AND NOT succeeded AND attempted_at > $2`,
    [userId, since],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Deletes attempts made before `before`, in batches, and the back-off rows whose latest failure
 * is before it (the back-off forgets them after a day anyway); returns how many rows went. The
 * per-IP limit looks back a minute, and every failure is also in the audit log, so these rows
 * (staff user ids and IP addresses) need not outlive a day.
 */
export async function deleteAttemptsBefore(db: Database, before: Date, batchSize?: number): Promise<number> {
  const attempts = await deleteInBatches(
    db,
    `DELETE FROM sign_in_attempt WHERE id IN
       (SELECT id FROM sign_in_attempt WHERE attempted_at < $1 ORDER BY attempted_at LIMIT $2)`,
    [before],
    batchSize,
  );
  return attempts + (await deleteBackoffBefore(db, before, batchSize));
}
