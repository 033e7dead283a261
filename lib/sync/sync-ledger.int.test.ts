/** The sync ledger leaves with the patient: the purge deletes its rows within DSQL's limits. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, facilityId, seedFacilities } from "@/lib/access/access.test-kit";
import { clearPolicyCache, savePolicy } from "@/lib/census/facility-policy";
import { rowPlaceholders } from "@/lib/db/sql-lists";
import type { Database } from "@/lib/db/types";
import { countingDatabase, tombstoneKey } from "@/lib/retention/purge.test-kit";
import { dsqlRowsPerTransaction } from "@/lib/retention/purge-limits";
import { runPurge } from "@/lib/retention/run-purge";
import { adt } from "@/lib/ward-list/ward-list.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import { syncPage } from "./sync-feed";

const now = new Date("2026-11-20T12:00:00Z");

for (const target of await reachableDatabases()) {
  describe(`sync ledger and the purge on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const created = await target.create();
      const store = await documentStores[0]!.create();
      db = created.db;
      drop = async () => {
        await store.stop();
        await created.drop();
      };
      await seedFacilities(db);
      await savePolicy(db, await facilityId(db, "RXD01"), "retention", {
        graceHoursAfterDischarge: 0,
        maxDaysWithoutEvents: 30,
      });
      clearPolicyCache();
      storage = store.store;
    });
    let storage: Awaited<ReturnType<(typeof documentStores)[number]["create"]>>["store"];
    afterAll(() => drop());

    const ledgerRows = async (patientId: string) =>
      (
        await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sync_ledger WHERE patient_id = $1", [
          patientId,
        ])
      ).rows[0]!.n;

    it("deletes a purged patient's rows (however many sessions had them), and no one else's", async () => {
      const leaving = await adt(db, { ward: "OAK", bed: "B1", mrn: "LEDGER-1", at: "2026-11-20T08:00:00Z" });
      const staying = await adt(db, { ward: "OAK", bed: "B2", mrn: "LEDGER-2", at: "2026-11-20T08:00:00Z" });
      const user = await createUser(db, ["clinician"]);
      await user.grantWard("RXD01", "OAK");
      await syncPage(
        db,
        { ...user.principal, sessionId: randomUUID() },
        {
          now,
          cacheTtlSeconds: 3600,
          settleSeconds: 0,
        },
      );
      expect(await ledgerRows(leaving.patientId)).toBe(1);
      // Many sessions over the weeks: more rows than one DSQL transaction may delete.
      const sessions = Array.from({ length: dsqlRowsPerTransaction + 200 }, () => randomUUID());
      for (let start = 0; start < sessions.length; start += 500) {
        const batch = sessions.slice(start, start + 500);
        await db.query(
          `INSERT INTO sync_ledger (session_id, patient_id, user_id, device_id, ward_id, first_sent_at, sent_at, expires_at)
           VALUES ${rowPlaceholders(batch.length, 8)}`,
          batch.flatMap((session) => [
            session,
            leaving.patientId,
            user.principal.userId,
            null,
            null,
            now,
            now,
            now,
          ]),
        );
      }
      await adt(db, { ward: "OAK", bed: "B1", mrn: "LEDGER-1", at: "2026-11-20T10:00:00Z" }, "discharge");

      const counting = countingDatabase(db);
      const summary = await runPurge({
        db: counting,
        storage,
        tombstoneKey,
        now: new Date("2026-11-20T11:00:00Z"),
      });
      expect(summary).toMatchObject({ patients: 1, failed: 0 });
      expect(await ledgerRows(leaving.patientId)).toBe(0);
      expect(await ledgerRows(staying.patientId)).toBe(1);
      expect(Math.max(...counting.rowsPerTransaction)).toBeLessThanOrEqual(dsqlRowsPerTransaction);
    });
  });
}
