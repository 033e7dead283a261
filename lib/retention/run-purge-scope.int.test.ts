/**
 * The local timer's purge scope: a run limited to the demo hospital leaves a facility an operator
 * created alone (its old test data survives, and no tombstone blocks replaying it), says so in a
 * warning, and a full run (`npm run purge`) then applies retention there too.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import { countRows, send, tombstoneKey } from "./purge.test-kit";
import { runPurge } from "./run-purge";

const filesStore = documentStores.find((target) => target.kind === "files")!;
// Test data as integration teams send it: event times long past, so discharged and stale at once.
const old = { visit: { location: { ward: "OAK", bed: "B1" } } };

for (const database of await reachableDatabases()) {
  describe(`purge scope on ${database.dialect}`, () => {
    let db: Database;
    let storage: DocumentStore;
    let cleanup: () => Promise<void>;
    const patientsAt = async (code: string) =>
      (
        await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM patient p JOIN facility f ON f.id = p.facility_id WHERE f.code = $1",
          [code],
        )
      ).rows[0]!.n;

    beforeAll(async () => {
      const created = await database.create();
      const store = await filesStore.create();
      db = created.db;
      storage = store.store;
      cleanup = async () => {
        await store.stop();
        await created.drop();
      };
      await saveFacilities(db, [{ code: "RXD01", name: "Demo Riverside", wards: [] }], {
        loadedAsDemo: true,
      });
      await saveFacilities(db, [{ code: "OWN01", name: "Operator's site", wards: [] }]);
      for (const facility of ["RXD01", "OWN01"]) {
        const visit = { ...old.visit, visitNumber: `V-${facility}` };
        await send(db, [
          adtEvent("admit", "2026-01-05T08:00:00Z", { facility, mrn: `M-${facility}`, visit }),
          adtEvent("discharge", "2026-01-06T10:00:00Z", { facility, mrn: `M-${facility}`, visit }),
        ]);
      }
      // A stay that is only quiet (no discharge) for longer than 30 days goes as stale.
      await send(db, [
        adtEvent("admit", "2026-01-07T08:00:00Z", {
          facility: "OWN01",
          mrn: "M-QUIET",
          visit: { ...old.visit, visitNumber: "V-QUIET" },
        }),
      ]);
    });
    afterAll(() => cleanup());

    it("demo-only purges the demo hospital, keeps the operator's facility, and warns once per run", async () => {
      const log = { info: vi.fn(), warn: vi.fn() };
      const now = new Date("2026-11-20T12:00:00Z");
      const summary = await runPurge({ db, storage, tombstoneKey, now, log, scope: "demo-only" });
      expect(summary).toMatchObject({ patients: 1, failed: 0 });
      expect(await patientsAt("RXD01")).toBe(0);
      expect(await patientsAt("OWN01")).toBe(2);
      expect(await countRows(db, "purged_visit")).toBe(1);
      expect(log.warn).toHaveBeenCalledTimes(1);
      expect(log.warn).toHaveBeenCalledWith(
        "purge.scope.demo_only",
        expect.objectContaining({ skippedFacilities: 1, note: expect.stringMatching(/npm run purge/) }),
      );
    });

    it("a full run purges the operator's facility by its retention policy, without the warning", async () => {
      const log = { info: vi.fn(), warn: vi.fn() };
      const now = new Date("2026-11-20T12:00:00Z");
      const summary = await runPurge({ db, storage, tombstoneKey, now, log });
      expect(summary).toMatchObject({ patients: 2, byReason: { discharged: 1, stale: 1 } });
      expect(await patientsAt("OWN01")).toBe(0);
      expect(log.warn).not.toHaveBeenCalled();
    });
  });
}
