/**
 * Bookkeeping that has served its purpose: used launcher token ids past their expiry (a replay
 * after expiry is refused by the expiry check anyway), phone sign-in attempts older than a day,
 * and sync ledger rows whose offline copy expired longer ago than any queued read may still
 * arrive (lib/sync/sync-ledger.ts). Run beside the purge, on its timer locally and by
 * `npm run purge` when deployed.
 */
import "server-only";
import type { Database } from "@/lib/db/types";
import { pruneSyncLedger } from "@/lib/sync/sync-ledger";
import { deleteExpiredJtis } from "./launcher/launcher-jti";
import { deleteAttemptsBefore } from "./totp/sign-in-attempts";

/** Far longer than any throttle window (a day of device back-off, 1 min per-IP limit); keep it at least 24 h. */
export const signInAttemptRetentionMs = 24 * 60 * 60 * 1000;

export interface HousekeepingSummary {
  launcherTokenIds: number;
  signInAttempts: number;
  syncLedgerRows: number;
}

export async function runAuthHousekeeping(db: Database, now: Date): Promise<HousekeepingSummary> {
  return {
    launcherTokenIds: await deleteExpiredJtis(db, now),
    signInAttempts: await deleteAttemptsBefore(db, new Date(now.getTime() - signInAttemptRetentionMs)),
    syncLedgerRows: await pruneSyncLedger(db, now),
  };
}
