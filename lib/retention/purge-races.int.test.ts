/**
 * Census changes that land while a patient's purge is under way, on every database adapter ×
 * every document store: a readmission must keep the patient; a late document must not be left
 * behind as an object without a row.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { currentCensus } from "@/lib/census/census-queries";
import { saveFacilities } from "@/lib/census/facilities";
import { clearPolicyCache } from "@/lib/census/facility-policy";
import type { Database } from "@/lib/db/types";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { facilityPrefix } from "@/lib/documents/storage-keys";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import {
  apiClient,
  countRows,
  documentMeta,
  pdf,
  resetTables,
  send,
  tombstoneKey,
  withTransactionHook,
} from "./purge.test-kit";
import { runPurge } from "./run-purge";

const now = new Date("2026-11-20T12:00:00Z");
/** A discharged patient's purge runs: 1 the event batch, 2 the final transaction. */
const finalTransaction = 2;

for (const database of await reachableDatabases()) {
  for (const storeTarget of documentStores) {
    describe(`changes during a purge on ${database.dialect} + ${storeTarget.kind}`, () => {
      let db: Database;
      let storage: DocumentStore;
      let ctx: IngestContext;
      let facilityId: string;
      let cleanup: () => Promise<void>;
      const storeDocument = (documentId: string, text: string) =>
        ingestDocument(
          ctx,
          apiClient,
          { facility: "RXD01", mrn: "M1", documentId },
          documentMeta("2026-11-20T09:00:00Z"),
          pdf(text),
        );

      beforeAll(async () => {
        const created = await database.create();
        const store = await storeTarget.create();
        db = created.db;
        storage = store.store;
        ctx = { db, storage, timeZone: "Europe/London", tombstoneKey, now: () => new Date() };
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
        await send(db, [adtEvent("admit", "2026-11-20T08:00:00Z")]);
        await storeDocument("mar", "MAR");
        await send(db, [adtEvent("discharge", "2026-11-20T10:00:00Z")]);
      });

      it("keeps a patient readmitted before the final transaction, and logs nothing", async () => {
        const readmitting = withTransactionHook(db, async (started) => {
          if (started === finalTransaction) {
            await send(db, [adtEvent("admit", "2026-11-20T11:00:00Z", { visit: { visitNumber: "V2" } })]);
          }
        });
        expect(await runPurge({ db: readmitting, storage, tombstoneKey, now })).toMatchObject({
          patients: 0,
          failed: 0,
        });
        expect(await currentCensus(db)).toMatchObject([{ mrn: "M1", visitNumber: "V2", status: "admitted" }]);
        expect(await countRows(db, "purge_log")).toBe(0);
        expect(await countRows(db, "purged_visit")).toBe(0);
      });

      it("purges a document stored while the purge ran, leaving no object behind", async () => {
        const late = withTransactionHook(db, async (started) => {
          if (started === finalTransaction) await storeDocument("late", "late observations");
        });
        expect(await runPurge({ db: late, storage, tombstoneKey, now })).toMatchObject({
          patients: 1,
          documents: 2,
        });
        expect(await storage.usage(facilityPrefix(facilityId))).toEqual({ objects: 0, bytes: 0 });
        expect(await countRows(db, "document")).toBe(0);
        expect((await db.query("SELECT documents FROM purge_log")).rows).toEqual([{ documents: 2 }]);
      });
    });
  }
}
