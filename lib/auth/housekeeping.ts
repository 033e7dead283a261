/**
 * Sign-in bookkeeping that has served its purpose: used launcher token ids past their expiry
 * (a replay after expiry is refused by the expiry check anyway) and phone sign-in attempts older
 * than a day. Run beside the purge, on its timer locally and by `npm run purge` when deployed.
 */
import "server-only";
import type { Database } from "@/lib/db/types";
import { deleteExpiredJtis } from "./launcher/launcher-jti";
import { deleteAttemptsBefore } from "./totp/sign-in-attempts";

/** Far longer than any throttle window (a day of device back-off, 1 min per-IP limit); keep it at least 24 h. */
export const signInAttemptRetentionMs = 24 * 60 * 60 * 1000;

export interface HousekeepingSummary {
  launcherTokenIds: number;
  signInAttempts: number;
}

export async function runAuthHousekeeping(db: Database, now: Date): Promise<HousekeepingSummary> {
  return {
    launcherTokenIds: await deleteExpiredJtis(db, now),
    signInAttempts: await deleteAttemptsBefore(db, new Date(now.getTime() - signInAttemptRetentionMs)),
  };
}
