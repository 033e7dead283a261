/**
 * The daily storage history written by the purge runner (one row per facility per UTC day,
 * replaced by a later run the same day) and last month's GB-months, on every database adapter.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { saveFacilities } from "@/lib/census/facilities";
import { clearPolicyCache } from "@/lib/census/facility-policy";
import type { Database } from "@/lib/db/types";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { facilityPrefix } from "@/lib/documents/storage-keys";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import { bytesPerGb } from "./gb-months";
import { apiClient, documentMeta, pdf, resetTables, send, tombstoneKey } from "./purge.test-kit";
import { runPurge } from "./run-purge";
import { gbMonthsByFacility, purgesPerDay, recordStorageDay, storageHistory } from "./storage-history";

const files = documentStores.find((store) => store.kind === "files")!;

for (const database of await reachableDatabases()) {
  describe(`storage history on ${database.dialect}`, () => {
    let db: Database;
    let storage: DocumentStore;
    let cleanup: () => Promise<void>;
    let ids: Record<string, string>;

    const purge = (at: string) => runPurge({ db, storage, tombstoneKey, now: new Date(at) });
    const store = async (mrn: string, documentId: string, text: string) => {
      const ctx = { db, storage, timeZone: "Europe/London", tombstoneKey, now: () => new Date() };
      const stored = await ingestDocument(
        ctx,
        apiClient,
        { facility: "RXD01", mrn, documentId },
        documentMeta("2026-12-01T09:00:00Z"),
        pdf(text),
      );
      return stored.bytes;
    };

    beforeAll(async () => {
      const created = await database.create();
      const store = await files.create();
      db = created.db;
      storage = store.store;
      cleanup = async () => {
        await store.stop();
        await created.drop();
      };
      await saveFacilities(db, [
        { code: "RXD01", name: "Riverside", wards: [{ code: "OAK", name: "Oak", bedCount: 20 }] },
        { code: "RXD02", name: "Northgate", wards: [] },
      ]);
      const { rows } = await db.query<{ id: string; code: string }>("SELECT id, code FROM facility");
      ids = Object.fromEntries(rows.map((row) => [row.code, row.id]));
    });
    afterAll(() => cleanup());
    beforeEach(async () => {
      await resetTables(db);
      await db.query("DELETE FROM storage_daily");
      await storage.deleteByPrefix(facilityPrefix(ids.RXD01!));
      clearPolicyCache();
    });

    it("is written by the purge runner, one row per facility per day, the day's last run winning", async () => {
      await send(db, [
        adtEvent("admit", "2026-12-01T08:00:00Z", { mrn: "A1", visit: { visitNumber: "A-1" } }),
      ]);
      const first = await store("A1", "mar", "drug chart");
      await purge("2026-12-02T08:00:00Z");
      expect(await storageHistory(db, "2026-12-01", "2026-12-31")).toEqual([
        { facilityId: ids.RXD01, facilityCode: "RXD01", day: "2026-12-02", bytes: first, documents: 1 },
        { facilityId: ids.RXD02, facilityCode: "RXD02", day: "2026-12-02", bytes: 0, documents: 0 },
      ]);

      // Later the same day, after another document: the same row, updated.
      const second = await store("A1", "plan", "care plan");
      await purge("2026-12-02T23:59:00Z");
      await purge("2026-12-02T23:59:00Z");
      const sameDay = await storageHistory(db, "2026-12-02", "2026-12-02");
      expect(sameDay).toHaveLength(2);
      expect(sameDay[0]).toMatchObject({ bytes: first + second, documents: 2 });

      // A run that measured earlier than the row (a slow concurrent run) does not overwrite it.
      await db.query("DELETE FROM document WHERE external_id = 'plan'");
      expect(await recordStorageDay(db, new Date("2026-12-02T10:00:00Z"))).toBe(0);
      expect((await storageHistory(db, "2026-12-02", "2026-12-02"))[0]).toMatchObject({ documents: 2 });

      // The next day (UTC) gets its own row; the discharge purged A1, so nothing is held.
      await send(db, [
        adtEvent("discharge", "2026-12-03T00:30:00Z", {
          mrn: "A1",
          visit: { visitNumber: "A-1", dischargedAt: new Date("2026-12-03T00:30:00Z") },
        }),
      ]);
      await purge("2026-12-03T01:00:00Z");
      const history = await storageHistory(db, "2026-12-01", "2026-12-31");
      expect(history.map((row) => [row.facilityCode, row.day, row.documents])).toEqual([
        ["RXD01", "2026-12-02", 2],
        ["RXD02", "2026-12-02", 0],
        ["RXD01", "2026-12-03", 0],
        ["RXD02", "2026-12-03", 0],
      ]);
    });

    it("reports purges per day with the bytes freed", async () => {
      await send(db, [
        adtEvent("admit", "2026-12-01T08:00:00Z", { mrn: "B1", visit: { visitNumber: "B-1" } }),
      ]);
      const bytes = await store("B1", "mar", "drug chart");
      await send(db, [
        adtEvent("discharge", "2026-12-01T10:00:00Z", {
          mrn: "B1",
          visit: { visitNumber: "B-1", dischargedAt: new Date("2026-12-01T10:00:00Z") },
        }),
      ]);
      await purge("2026-12-01T11:00:00Z");
      // purge_log.purged_at is the commit time (now()); read from yesterday to tomorrow.
      const today = new Date();
      const days = await purgesPerDay(
        db,
        new Date(today.getTime() - 86_400_000),
        new Date(today.getTime() + 86_400_000),
      );
      expect(days).toEqual([{ day: today.toISOString().slice(0, 10), patients: 1, documents: 1, bytes }]);
    });

    it("bills last month in GB-months from the rows it has, and lists the days it has not", async () => {
      const insert = (facility: string, day: string, bytes: number) =>
        db.query("INSERT INTO storage_daily (facility_id, day, bytes, documents) VALUES ($1, $2, $3, 1)", [
          ids[facility],
          day,
          bytes,
        ]);
      for (let day = 1; day <= 30; day++) {
        await insert("RXD01", `2026-11-${String(day).padStart(2, "0")}`, (day <= 10 ? 3 : 6) * bytesPerGb);
      }
      await insert("RXD02", "2026-11-05", 30 * bytesPerGb);
      await insert("RXD02", "2026-10-31", 999 * bytesPerGb);
      await insert("RXD02", "2026-12-01", 999 * bytesPerGb);
      const [riverside, northgate] = await gbMonthsByFacility(db, { year: 2026, month: 11 });
      // (10 × 3 GB + 20 × 6 GB) / 30 days = 5 GB-months.
      expect(riverside).toMatchObject({
        facilityCode: "RXD01",
        gbMonths: 5,
        complete: true,
        missingDays: [],
      });
      // One day of 30 GB in a 30-day month: 1 GB-month from what is recorded, 29 days missing.
      expect(northgate).toMatchObject({
        facilityCode: "RXD02",
        gbMonths: 1,
        complete: false,
        recordedDays: 1,
      });
      expect(northgate!.missingDays).toHaveLength(29);
      expect(northgate!.missingDays).not.toContain("2026-11-05");
    });
  });
}
