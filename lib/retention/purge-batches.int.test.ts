/**
 * Purges bigger than one DSQL transaction (3,000 modified rows), crashes part-way and resumes,
 * on every database adapter × every document store.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { saveFacilities } from "@/lib/census/facilities";
import { clearPolicyCache } from "@/lib/census/facility-policy";
import { chunks } from "@/lib/db/sql-lists";
import type { Database } from "@/lib/db/types";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { facilityPrefix } from "@/lib/documents/storage-keys";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import {
  apiClient,
  countingDatabase,
  countRows,
  crashingDatabase,
  documentMeta,
  insertStayEvents,
  pdf,
  resetTables,
  send,
  tombstoneKey,
} from "./purge.test-kit";
import { dsqlRowsPerTransaction } from "./purge-limits";
import { runPurge } from "./run-purge";

const now = new Date("2026-11-20T12:00:00Z");
const dataTables = ["stay_event", "stay", "patient", "document", "purge_log"];

for (const database of await reachableDatabases()) {
  for (const storeTarget of documentStores) {
    describe(`batched purge on ${database.dialect} + ${storeTarget.kind}`, () => {
      let db: Database;
      let storage: DocumentStore;
      let facilityId: string;
      let cleanup: () => Promise<void>;
      const rowsIn = async () =>
        Object.fromEntries(await Promise.all(dataTables.map(async (t) => [t, await countRows(db, t)])));

      /** One discharged patient: a stay with 3,200 extra events (3,202 in all) and one document. */
      async function bigPatient() {
        await send(db, [adtEvent("admit", "2026-11-20T08:00:00Z")]);
        const ctx = { db, storage, timeZone: "Europe/London", tombstoneKey, now: () => new Date() };
        const target = { facility: "RXD01", mrn: "M1", documentId: "mar-1" };
        await ingestDocument(ctx, apiClient, target, documentMeta("2026-11-20T09:00:00Z"), pdf("MAR"));
        const stayId = (await db.query<{ id: string }>("SELECT id FROM stay")).rows[0]!.id;
        await insertStayEvents(db, stayId, 3_200, new Date("2026-11-20T09:00:00Z"));
        await send(db, [adtEvent("discharge", "2026-11-20T10:00:00Z")]);
      }

      beforeAll(async () => {
        const created = await database.create();
        const store = await storeTarget.create();
        db = created.db;
        storage = store.store;
        cleanup = async () => {
          await store.stop();
          await created.drop();
        };
        await saveFacilities(db, [{ code: "RXD01", name: "Riverside", wards: [] }]);
        facilityId = (await db.query<{ id: string }>("SELECT id FROM facility")).rows[0]!.id;
      });
      afterAll(() => cleanup());
      beforeEach(async () => {
        await resetTables(db);
        await storage.deleteByPrefix(facilityPrefix(facilityId));
        clearPolicyCache();
      });

      it("purges 3,202 events in batches, no transaction modifying 3,000 rows or more", async () => {
        await bigPatient();
        const counted = countingDatabase(db);
        const started = performance.now();
        const summary = await runPurge({ db: counted, storage, tombstoneKey, now });
        const elapsed = Math.round(performance.now() - started);
        console.info(
          `[${database.dialect} + ${storeTarget.kind}] purge of 3,202 events + 1 document: ${elapsed} ms`,
        );
        expect(summary).toMatchObject({ patients: 1, stays: 1, events: 3_202, documents: 1, failed: 0 });
        expect(Math.max(...counted.rowsPerTransaction)).toBeLessThan(dsqlRowsPerTransaction);
        expect(counted.rowsPerTransaction.length).toBeGreaterThanOrEqual(3);
        expect(counted.autocommitWrites).toBe(0);
        expect(await rowsIn()).toEqual({ stay_event: 0, stay: 0, patient: 0, document: 0, purge_log: 1 });
        expect((await db.query("SELECT events FROM purge_log")).rows).toEqual([{ events: 3_202 }]);
      });

      // Transactions of a run: 1 and 2 the event batches (2,500 + 702), 3 the final one (which also
      // deletes the document row: its object went before transaction 1).
      it.each([
        { crashOn: 1, events: 3_202 },
        { crashOn: 2, events: 702 },
        { crashOn: 3, events: 0 },
      ])("resumes after a crash at transaction $crashOn and logs once", async ({ crashOn, events }) => {
        await bigPatient();
        const crashed = await runPurge({ db: crashingDatabase(db, crashOn), storage, tombstoneKey, now });
        expect(crashed).toMatchObject({ patients: 0, failed: 1 });
        expect(await countRows(db, "purge_log")).toBe(0);
        expect(await countRows(db, "patient")).toBe(1);
        // Storage first: the object is gone, its row (pointing at nothing) waits for the next run.
        expect((await storage.usage(facilityPrefix(facilityId))).objects).toBe(0);
        expect(await countRows(db, "document")).toBe(1);

        const resumed = await runPurge({ db, storage, tombstoneKey, now });
        expect(resumed).toMatchObject({ patients: 1, failed: 0 });
        expect(await rowsIn()).toEqual({ stay_event: 0, stay: 0, patient: 0, document: 0, purge_log: 1 });
        // Counts are what the finishing run removed: events deleted before the crash are not
        // counted again; stays and documents are deleted only at the end, so they stay exact.
        const log = await db.query("SELECT patients, stays, events, documents FROM purge_log");
        expect(log.rows).toEqual([{ patients: 1, stays: 1, events, documents: 1 }]);
        expect((await runPurge({ db, storage, tombstoneKey, now })).patients).toBe(0);
        expect(await countRows(db, "purge_log")).toBe(1);
      });

      it("removes a patient with more stays than one transaction can take, with a tombstone for each", async () => {
        await send(db, [adtEvent("person-add", "2026-11-01T08:00:00Z", { visit: null })]);
        const patientId = (await db.query<{ id: string }>("SELECT id FROM patient")).rows[0]!.id;
        const visits = Array.from({ length: 1_600 }, (_, index) => `V${index}`);
        for (const batch of chunks(visits, 1_000)) {
          const values = batch.map(
            (_, index) => `($1, $2, $${index + 3}, 'discharged', $${batch.length + 3}, $${batch.length + 3})`,
          );
          await db.transaction((tx) =>
            tx.query(
              `INSERT INTO stay (facility_id, patient_id, visit_number, status, discharged_at, last_event_at)
               VALUES ${values.join(", ")}`,
              [facilityId, patientId, ...batch, new Date("2026-11-02T08:00:00Z")],
            ),
          );
        }
        const counted = countingDatabase(db);
        expect(await runPurge({ db: counted, storage, tombstoneKey, now })).toMatchObject({
          patients: 1,
          stays: 1_600,
        });
        expect(Math.max(...counted.rowsPerTransaction)).toBeLessThan(dsqlRowsPerTransaction);
        expect(await countRows(db, "purged_visit")).toBe(1_600);
        expect(await rowsIn()).toMatchObject({ stay: 0, patient: 0, purge_log: 1 });
        expect((await db.query("SELECT stays FROM purge_log")).rows).toEqual([{ stays: 1_600 }]);
      });
    });
  }
}
