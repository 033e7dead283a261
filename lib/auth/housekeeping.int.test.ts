/** Sign-in bookkeeping is deleted once it has served its purpose, and the throttle still works. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { ledgerGraceMs } from "@/lib/sync/sync-ledger";
import { reachableDatabases } from "@/test/databases.test-kit";
import { runAuthHousekeeping, signInAttemptRetentionMs } from "./housekeeping";
import { deleteAttemptsBefore, failuresSince, recordAttempt } from "./totp/sign-in-attempts";

const now = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const minute = 60_000;

for (const target of await reachableDatabases()) {
  describe(`sign-in housekeeping on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
    });
    afterAll(() => drop());

    it("deletes attempts older than the cut-off in batches, keeping the recent ones the throttle counts", async () => {
      const { principal } = await createUser(db, ["clinician"]);
      const userId = principal.userId;
      await db.query("DELETE FROM sign_in_attempt");
      for (const at of [
        ago(3 * signInAttemptRetentionMs),
        ago(signInAttemptRetentionMs + minute),
        ago(2 * minute),
      ])
        await recordAttempt(db, { userId, ip: "192.0.2.7", succeeded: false, at });
      await recordAttempt(db, { userId: null, ip: "192.0.2.8", succeeded: false, at: ago(30 * minute) });

      expect(await deleteAttemptsBefore(db, ago(signInAttemptRetentionMs), 1)).toBe(2);
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sign_in_attempt");
      expect(rows[0]!.n).toBe(2);
      expect(await failuresSince(db, userId, ago(15 * minute))).toBe(1);
    });

    it("runs every clean-up: expired launcher token ids, day-old attempts, long-expired ledger rows", async () => {
      await db.query("DELETE FROM sign_in_attempt");
      await db.query("DELETE FROM launcher_jti");
      await db.query("DELETE FROM sync_ledger");
      await db.query(
        "INSERT INTO launcher_jti (jti, device_id, expires_at) VALUES ($1, $2, $3), ($4, $2, $5)",
        ["spent", "WARDPC-OAK-01", ago(minute), "live", new Date(now.getTime() + minute)],
      );
      await recordAttempt(db, {
        userId: null,
        ip: "192.0.2.9",
        succeeded: true,
        at: ago(2 * signInAttemptRetentionMs),
      });
      await recordAttempt(db, { userId: null, ip: "192.0.2.9", succeeded: true, at: ago(minute) });
      // A copy that expired past the grace (no queued read can still be believed), and one within it.
      const { principal } = await createUser(db, ["clinician"]);
      const ledgerRow = (patientId: string, expiresAt: Date) =>
        db.query(
          `INSERT INTO sync_ledger (session_id, patient_id, user_id, device_id, ward_id, first_sent_at, sent_at, expires_at)
           VALUES ($1, $2, $3, NULL, NULL, $4, $4, $4)`,
          [principal.sessionId, patientId, principal.userId, expiresAt],
        );
      const spent = "00000000-0000-4000-8000-00000000000a";
      const kept = "00000000-0000-4000-8000-00000000000b";
      await ledgerRow(spent, ago(ledgerGraceMs + minute));
      await ledgerRow(kept, ago(ledgerGraceMs - minute));

      const cleaned = { launcherTokenIds: 1, signInAttempts: 1, syncLedgerRows: 1 };
      expect(await runAuthHousekeeping(db, now)).toEqual(cleaned);
      expect(await runAuthHousekeeping(db, now)).toEqual({
        launcherTokenIds: 0,
        signInAttempts: 0,
        syncLedgerRows: 0,
      });
      const jtis = await db.query<{ jti: string }>("SELECT jti FROM launcher_jti");
      expect(jtis.rows.map((row) => row.jti)).toEqual(["live"]);
      const ledger = await db.query<{ patient_id: string }>("SELECT patient_id FROM sync_ledger");
      expect(ledger.rows.map((row) => row.patient_id)).toEqual([kept]);
    });
  });
}
