/** Storage used per facility, from the database, on every database adapter × every document store. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { facilityPrefix } from "@/lib/documents/storage-keys";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import { apiClient, documentMeta, pdf, send, tombstoneKey } from "./purge.test-kit";
import { runPurge } from "./run-purge";
import { storageUsageByFacility } from "./storage-usage";

for (const database of await reachableDatabases()) {
  for (const storeTarget of documentStores) {
    describe(`storage usage on ${database.dialect} + ${storeTarget.kind}`, () => {
      let db: Database;
      let storage: DocumentStore;
      let cleanup: () => Promise<void>;

      beforeAll(async () => {
        const created = await database.create();
        const store = await storeTarget.create();
        db = created.db;
        storage = store.store;
        cleanup = async () => {
          await store.stop();
          await created.drop();
        };
        await saveFacilities(db, [
          { code: "RXD01", name: "Riverside", wards: [] },
          { code: "RXD02", name: "Northgate", wards: [] },
          { code: "RXD03", name: "Eastfield", wards: [] },
        ]);
      });
      afterAll(() => cleanup());

      it("matches the bytes ingested per facility, and drops what the purge removed", async () => {
        const ctx = { db, storage, timeZone: "Europe/London", tombstoneKey, now: () => new Date() };
        const store = async (facility: string, mrn: string, documentId: string, text: string) =>
          (
            await ingestDocument(
              ctx,
              apiClient,
              { facility, mrn, documentId },
              documentMeta("2026-11-20T09:00:00Z"),
              pdf(text),
            )
          ).bytes;
        await send(db, [
          adtEvent("admit", "2026-11-20T08:00:00Z", { mrn: "A1", visit: { visitNumber: "A-1" } }),
        ]);
        await send(db, [
          adtEvent("admit", "2026-11-20T08:00:00Z", { mrn: "A2", visit: { visitNumber: "A-2" } }),
        ]);
        await send(db, [
          adtEvent("admit", "2026-11-20T08:00:00Z", {
            mrn: "B1",
            facility: "RXD02",
            visit: { visitNumber: "B-1" },
          }),
        ]);
        const kept = await store("RXD01", "A1", "mar", "MAR");
        const riverside = kept + (await store("RXD01", "A2", "obs", "an observations chart"));
        const northgate = await store("RXD02", "B1", "plan", "a care plan with more words in it");
        await send(db, [
          adtEvent("discharge", "2026-11-20T10:00:00Z", { mrn: "A2", visit: { visitNumber: "A-2" } }),
        ]);

        const usage = await storageUsageByFacility(db);
        expect(usage).toEqual([
          {
            facilityCode: "RXD01",
            facilityName: "Riverside",
            documents: 2,
            bytes: riverside,
            patients: 2,
            currentStays: 1,
          },
          {
            facilityCode: "RXD02",
            facilityName: "Northgate",
            documents: 1,
            bytes: northgate,
            patients: 1,
            currentStays: 1,
          },
          {
            facilityCode: "RXD03",
            facilityName: "Eastfield",
            documents: 0,
            bytes: 0,
            patients: 0,
            currentStays: 0,
          },
        ]);
        // The database's figure is what the store holds.
        const facilities = await db.query<{ id: string; code: string }>(
          "SELECT id, code FROM facility ORDER BY code",
        );
        for (const [index, facility] of facilities.rows.entries()) {
          expect((await storage.usage(facilityPrefix(facility.id))).bytes).toBe(usage[index]!.bytes);
        }

        await runPurge({ db, storage, tombstoneKey, now: new Date("2026-11-20T12:00:00Z") });
        const afterPurge = await storageUsageByFacility(db);
        expect(afterPurge[0]).toMatchObject({
          facilityCode: "RXD01",
          documents: 1,
          bytes: kept,
          patients: 1,
        });
        expect((await storage.usage(facilityPrefix(facilities.rows[0]!.id))).bytes).toBe(kept);
      });
    });
  }
}
