/**
 * Reads and writes `sign_in_backoff` (migration 0026): per (username as typed, client address),
 * the failures since that address last signed in as that name, and when the latest was. The
 * username is kept only as a SHA-256 subject key, the same for a name that exists and one that
 * does not, so the throttle cannot tell them apart either. Times come from the caller's clock.
 */
import "server-only";
import { createHash } from "node:crypto";
import { deleteInBatches } from "@/lib/db/delete-in-batches";
import type { Database, Queryable } from "@/lib/db/types";
import type { DeviceFailures } from "./sign-in-throttle";

/** The back-off key for a folded DOMAIN\user; never the name itself. */
export function subjectKey(username: string): string {
  return createHash("sha256").update(`sign-in-subject:${username}`).digest("hex");
}

type Timestamp = Date | string;

/**
 * This device's row, locked: FOR UPDATE makes concurrent attempts from one address on one name
 * take turns (PostgreSQL waits, then raises 40001 and the retry helper runs the attempt again on
 * fresh data; DSQL conflicts at COMMIT), so parallel guesses cannot all read "4 failures".
 */
export async function deviceFailures(
  q: Queryable,
  subject: string,
  ip: string,
): Promise<DeviceFailures | null> {
  const { rows } = await q.query<{ failures: number; last_failure_at: Timestamp }>(
    "SELECT failures, last_failure_at FROM sign_in_backoff WHERE subject = $1 AND ip = $2 FOR UPDATE",
    [subject, ip],
  );
  const row = rows[0];
  return row ? { failures: Number(row.failures), lastFailureAt: new Date(row.last_failure_at) } : null;
}

/** Failures held by every device that failed on this name since `since`, and the latest alert. */
export async function userFailures(
  q: Queryable,
  subject: string,
  since: Date,
): Promise<{ failures: number; devices: number; lastAlertAt: Date | null }> {
  const { rows } = await q.query<{ failures: number | null; devices: number; alerted_at: Timestamp | null }>(
    `SELECT coalesce(sum(failures), 0)::int AS failures, count(*)::int AS devices, max(alerted_at) AS alerted_at
       FROM sign_in_backoff WHERE subject = $1 AND last_failure_at > $2 AND failures > 0`,
    [subject, since],
  );
  const row = rows[0];
  return {
    failures: Number(row?.failures ?? 0),
    devices: Number(row?.devices ?? 0),
    lastAlertAt: row?.alerted_at ? new Date(row.alerted_at) : null,
  };
}

/** Stores this device's new failure count (the caller decides whether old failures were forgotten). */
export async function saveDeviceFailures(
  q: Queryable,
  input: { subject: string; ip: string; failures: number; at: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO sign_in_backoff (subject, ip, failures, last_failure_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (subject, ip) DO UPDATE SET failures = EXCLUDED.failures, last_failure_at = EXCLUDED.last_failure_at`,
    [input.subject, input.ip, input.failures, input.at],
  );
}

/** A success from this device: its count starts again (the row, and any alert time, stay). */
export async function clearDeviceFailures(q: Queryable, subject: string, ip: string): Promise<void> {
  await q.query("UPDATE sign_in_backoff SET failures = 0 WHERE subject = $1 AND ip = $2 AND failures > 0", [
    subject,
    ip,
  ]);
}

export async function markAlerted(q: Queryable, subject: string, ip: string, at: Date): Promise<void> {
  await q.query("UPDATE sign_in_backoff SET alerted_at = $3 WHERE subject = $1 AND ip = $2", [
    subject,
    ip,
    at,
  ]);
}

/** Deletes rows whose latest failure is before `before` (forgotten by the throttle anyway). */
export function deleteBackoffBefore(db: Database, before: Date, batchSize?: number): Promise<number> {
  return deleteInBatches(
    db,
    `DELETE FROM sign_in_backoff WHERE (subject, ip) IN
       (SELECT subject, ip FROM sign_in_backoff WHERE last_failure_at < $1 LIMIT $2)`,
    [before],
    batchSize,
  );
}
