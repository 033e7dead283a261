/**
 * The sign-in throttle seen per user, for the console: which users a device is waiting on
 * (`throttleStatus`), and "unlock", which forgets the failures of every device that tried the
 * user's name, so the next code from any of them is checked at once. It reads and writes
 * `sign_in_backoff` by the same subject key as sign-in (sign-in-backoff.ts); `alerted_at` stays,
 * so unlocking does not re-arm the once-per-window IG alert.
 */
import "server-only";
import { placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import { subjectKey } from "./sign-in-backoff";
import {
  type DeviceFailures,
  defaultSignInPolicy,
  forgetBefore,
  type SignInPolicy,
} from "./sign-in-throttle";
import { type ThrottleStatus, throttleStatus } from "./throttle-status";

export type { ThrottleStatus } from "./throttle-status";

/** The throttle status of each username (lower-case DOMAIN\user), one indexed query per call. */
export async function throttleStatuses(
  db: Queryable,
  usernames: readonly string[],
  now: Date,
  policy: SignInPolicy = defaultSignInPolicy,
): Promise<Map<string, ThrottleStatus>> {
  const bySubject = new Map(usernames.map((username) => [subjectKey(username), username]));
  const devices = new Map<string, DeviceFailures[]>(usernames.map((username) => [username, []]));
  if (usernames.length > 0) {
    const subjects = [...bySubject.keys()];
    const { rows } = await db.query<{ subject: string; failures: number; last_failure_at: Date | string }>(
      `SELECT subject, failures, last_failure_at FROM sign_in_backoff
        WHERE subject IN (${placeholders(subjects.length, 2)}) AND failures > 0 AND last_failure_at > $1`,
      [forgetBefore(now, policy), ...subjects],
    );
    for (const row of rows) {
      devices.get(bySubject.get(row.subject)!)?.push({
        failures: Number(row.failures),
        lastFailureAt: new Date(row.last_failure_at),
      });
    }
  }
  return new Map([...devices].map(([username, list]) => [username, throttleStatus(list, now, policy)]));
}

/** Forgets every device's failures against `username`; returns how many devices were waiting or counting. */
export async function clearSignInThrottle(tx: Queryable, username: string): Promise<number> {
  const result = await tx.query(
    "UPDATE sign_in_backoff SET failures = 0 WHERE subject = $1 AND failures > 0",
    [subjectKey(username)],
  );
  return result.rowCount;
}
