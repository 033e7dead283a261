/**
 * Two purge runs at once (two app instances, or the schedule and `npm run purge`), on every
 * database adapter × every document store. PostgreSQL is the one where they truly interleave:
 * PGlite serialises transactions on its single connection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { facilityPrefix } from "@/lib/documents/storage-keys";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import { apiClient, countRows, documentMeta, pdf, send, tombstoneKey } from "./purge.test-kit";
import { runPurge } from "./run-purge";

const patients = 12;

for (const database of await reachableDatabases()) {
  for (const storeTarget of documentStores) {
    describe(`concurrent purge runs on ${database.dialect} + ${storeTarget.kind}`, () => {
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
        await saveFacilities(db, [{ code: "RXD01", name: "Riverside", wards: [] }]);
        const ctx = { db, storage, timeZone: "Europe/London", tombstoneKey, now: () => new Date() };
        for (let n = 1; n <= patients; n++) {
          const visit = { visit: { visitNumber: `V${n}` }, mrn: `M${n}` };
          await send(db, [adtEvent("admit", "2026-11-20T08:00:00Z", visit)]);
          const target = { facility: "RXD01", mrn: `M${n}`, documentId: "mar" };
          await ingestDocument(ctx, apiClient, target, documentMeta("2026-11-20T09:00:00Z"), pdf(`MAR ${n}`));
          await send(db, [adtEvent("discharge", "2026-11-20T10:00:00Z", visit)]);
        }
      });
      afterAll(() => cleanup());

      it("purges each patient once: one purge_log row per patient, no failures", async () => {
        const now = new Date("2026-11-20T12:00:00Z");
        const [first, second] = await Promise.all([
          runPurge({ db, storage, tombstoneKey, now }),
          runPurge({ db, storage, tombstoneKey, now }),
        ]);
        expect(first.failed + second.failed).toBe(0);
        expect(first.patients + second.patients).toBe(patients);
        expect(first.documents + second.documents).toBe(patients);
        const log = await db.query<{ n: number; patients: number; documents: number }>(
          "SELECT count(*)::int AS n, sum(patients)::int AS patients, sum(documents)::int AS documents FROM purge_log",
        );
        expect(log.rows[0]).toEqual({ n: patients, patients, documents: patients });
        for (const table of ["stay_event", "stay", "patient", "document"])
          expect(await countRows(db, table)).toBe(0);
        expect(await countRows(db, "purged_visit")).toBe(patients);
        expect((await storage.usage("facilities/")).objects).toBe(0);
        const facilityId = (await db.query<{ id: string }>("SELECT id FROM facility")).rows[0]!.id;
        expect(await storage.usage(facilityPrefix(facilityId))).toEqual({ objects: 0, bytes: 0 });
      });
    });
  }
}
