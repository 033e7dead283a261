/** "Run the purge now" from the console: admins only, every facility, audited with its counts. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRows, createUser } from "@/lib/access/access.test-kit";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import { send, tombstoneKey } from "./purge.test-kit";
import { runPurgeNow } from "./run-purge-now";

const files = documentStores.find((store) => store.kind === "files")!;

for (const database of await reachableDatabases()) {
  describe(`run the purge now on ${database.dialect}`, () => {
    let db: Database;
    let storage: DocumentStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const created = await database.create();
      const store = await files.create();
      db = created.db;
      storage = store.store;
      cleanup = async () => {
        await store.stop();
        await created.drop();
      };
      // Not demo facilities: the local timer would skip them, an admin's run does not.
      await saveFacilities(db, [{ code: "RXD01", name: "Riverside", wards: [] }]);
    });
    afterAll(() => cleanup());

    it("purges every facility and records who asked, with the counts", async () => {
      await send(db, [
        adtEvent("admit", "2026-11-01T08:00:00Z", { mrn: "N1", visit: { visitNumber: "N-1" } }),
      ]);
      await send(db, [
        adtEvent("discharge", "2026-11-02T08:00:00Z", { mrn: "N1", visit: { visitNumber: "N-1" } }),
      ]);
      const nurse = await createUser(db, ["clinician"]);
      const now = new Date("2026-12-04T12:00:00Z");
      await expect(runPurgeNow(nurse.principal, { db, storage, tombstoneKey, now })).rejects.toMatchObject({
        code: "forbidden",
      });
      const admin = await createUser(db, ["admin"]);
      const summary = await runPurgeNow(admin.principal, { db, storage, tombstoneKey, now });
      expect(summary.patients).toBe(1);
      const rows = await auditRows(db, admin.principal.userId);
      expect(rows.map((row) => [row.action, row.outcome, JSON.parse(row.detail)])).toEqual([
        [
          "purge.requested",
          "success",
          { runId: summary.runId, patients: 1, documents: 0, bytes: 0, failed: 0 },
        ],
      ]);
    });
  });
}
