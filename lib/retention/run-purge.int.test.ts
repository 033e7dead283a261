/** The purge's decisions and effects, on every database adapter × every document store. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { currentCensus } from "@/lib/census/census-queries";
import { saveFacilities } from "@/lib/census/facilities";
import { clearPolicyCache, savePolicy } from "@/lib/census/facility-policy";
import { findPatientRefs, recordPatientRefs } from "@/lib/census/fhir-patient-refs";
import type { Database } from "@/lib/db/types";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { documentKey, facilityPrefix } from "@/lib/documents/storage-keys";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import { apiClient, countRows, documentMeta, pdf, resetTables, send, tombstoneKey } from "./purge.test-kit";
import { runPurge } from "./run-purge";
import { visitHash } from "./visit-hash";

const ward = { visit: { location: { ward: "OAK", bed: "B1" } } };
const dayMs = 86_400_000;

for (const database of await reachableDatabases()) {
  for (const storeTarget of documentStores) {
    describe(`purge on ${database.dialect} + ${storeTarget.kind}`, () => {
      let db: Database;
      let storage: DocumentStore;
      let ctx: IngestContext;
      let facilityId: string;
      let cleanup: () => Promise<void>;
      const purge = (now: string | Date) => runPurge({ db, storage, tombstoneKey, now: new Date(now) });
      const patientId = async (mrn: string) =>
        (await db.query<{ id: string }>("SELECT id FROM patient WHERE mrn = $1", [mrn])).rows[0]?.id;
      const retention = (graceHoursAfterDischarge: number) =>
        savePolicy(db, facilityId, "retention", { graceHoursAfterDischarge, maxDaysWithoutEvents: 30 });

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
        await saveFacilities(db, [
          { code: "RXD01", name: "Riverside", wards: [{ code: "OAK", name: "Oak", bedCount: 20 }] },
        ]);
        facilityId = (await db.query<{ id: string }>("SELECT id FROM facility")).rows[0]!.id;
      });
      afterAll(() => cleanup());
      beforeEach(async () => {
        await resetTables(db);
        await storage.deleteByPrefix(facilityPrefix(facilityId));
        clearPolicyCache();
      });

      it("purges a discharged patient at once with grace 0: objects, rows, and a log without identifiers", async () => {
        await send(db, [adtEvent("admit", "2026-11-20T08:00:00Z", ward)]);
        const target = { facility: "RXD01", mrn: "M1" };
        const mar = await ingestDocument(
          ctx,
          apiClient,
          { ...target, documentId: "mar-1" },
          documentMeta("2026-11-20T09:00:00Z"),
          pdf("MAR"),
        );
        const obs = await ingestDocument(
          ctx,
          apiClient,
          { ...target, documentId: "obs-1" },
          documentMeta("2026-11-20T09:30:00Z", "V1"),
          pdf("observations chart"),
        );
        const id = (await patientId("M1"))!;
        const keys = (await db.query<{ storage_key: string }>("SELECT storage_key FROM document")).rows;
        // An object no row points at (an upload whose transaction failed) is swept by prefix.
        await storage.put(documentKey(facilityId, id, "orphan"), pdf("orphan"), {
          contentType: "application/pdf",
        });
        await send(db, [adtEvent("discharge", "2026-11-20T10:00:00Z", ward)]);
        expect((await storage.usage(facilityPrefix(facilityId))).objects).toBe(3);

        const summary = await purge("2026-11-20T10:00:00Z");

        const bytes = mar.bytes + obs.bytes;
        expect(summary).toMatchObject({ patients: 1, stays: 1, events: 2, documents: 2, bytes, failed: 0 });
        expect(summary.byReason).toEqual({ discharged: 1, stale: 0 });
        expect(await storage.usage(facilityPrefix(facilityId))).toEqual({ objects: 0, bytes: 0 });
        for (const { storage_key } of keys) expect(await storage.get(storage_key)).toBeNull();
        for (const table of ["stay_event", "stay", "patient", "document"])
          expect(await countRows(db, table)).toBe(0);
        const log = await db.query("SELECT * FROM purge_log");
        expect(log.rows).toHaveLength(1);
        expect(log.rows[0]).toMatchObject({
          run_id: summary.runId,
          facility_id: facilityId,
          reason: "discharged",
          patients: 1,
          stays: 1,
          events: 2,
          documents: 2,
        });
        expect(Number(log.rows[0]!.bytes)).toBe(bytes);
        expect(JSON.stringify(log.rows)).not.toMatch(/M1|Jones|Aled|9434765919|V1|1945/);
        const tombstone = await db.query("SELECT visit_hash, last_event_at FROM purged_visit");
        expect(tombstone.rows).toEqual([
          {
            visit_hash: visitHash(tombstoneKey, facilityId, "V1"),
            last_event_at: new Date("2026-11-20T10:00:00Z"),
          },
        ]);
      });

      it("with 24 h grace, keeps the patient until the grace period has passed", async () => {
        await retention(24);
        await send(db, [adtEvent("admit", "2026-11-20T08:00:00Z", ward)]);
        await send(db, [adtEvent("discharge", "2026-11-20T10:00:00Z", ward)]);
        expect((await purge("2026-11-21T09:59:59Z")).patients).toBe(0);
        expect(await countRows(db, "patient")).toBe(1);
        expect(await purge("2026-11-21T10:00:00Z")).toMatchObject({
          patients: 1,
          byReason: { discharged: 1 },
        });
        expect(await countRows(db, "patient")).toBe(0);
      });

      it("an A13 inside the grace period restores the stay, which is then not purged", async () => {
        await retention(24);
        await send(db, [adtEvent("admit", "2026-11-20T08:00:00Z", ward)]);
        await send(db, [adtEvent("discharge", "2026-11-20T10:00:00Z", ward)]);
        await send(db, [adtEvent("cancel-discharge", "2026-11-20T12:00:00Z")]);
        expect((await purge("2026-11-22T12:00:00Z")).patients).toBe(0);
        expect(await currentCensus(db)).toMatchObject([{ mrn: "M1", status: "admitted" }]);
      });

      it("purges a stay with no events for more than 30 days as stale", async () => {
        await send(db, [adtEvent("admit", "2026-10-01T08:00:00Z", ward)]);
        expect((await purge("2026-10-30T08:00:00Z")).patients).toBe(0);
        expect(await purge("2026-11-20T08:00:00Z")).toMatchObject({ patients: 1, byReason: { stale: 1 } });
        expect((await db.query("SELECT reason FROM purge_log")).rows).toEqual([{ reason: "stale" }]);
        expect(await countRows(db, "stay")).toBe(0);
      });

      it("keeps a patient with one discharged and one current stay", async () => {
        await send(db, [adtEvent("admit", "2026-09-01T08:00:00Z", ward)]);
        await send(db, [adtEvent("discharge", "2026-09-05T08:00:00Z", ward)]);
        await send(db, [adtEvent("admit", "2026-11-19T08:00:00Z", { visit: { visitNumber: "V2" } })]);
        expect((await purge("2026-11-20T08:00:00Z")).patients).toBe(0);
        expect(await countRows(db, "stay")).toBe(2);
        expect(await countRows(db, "purge_log")).toBe(0);
      });

      it("purges a person-only record (A28) once it is stale", async () => {
        await send(db, [adtEvent("person-add", "2026-11-20T08:00:00Z", { visit: null, mrn: "M9" })]);
        expect((await purge(new Date(Date.now() + dayMs))).patients).toBe(0);
        expect(await purge(new Date(Date.now() + 31 * dayMs))).toMatchObject({
          patients: 1,
          stays: 0,
          byReason: { stale: 1 },
        });
        expect(await countRows(db, "patient")).toBe(0);
      });

      it("deletes the FHIR resource ids that named the purged patient, and only those", async () => {
        await send(db, [adtEvent("admit", "2026-11-20T08:00:00Z", ward)]);
        await send(db, [adtEvent("discharge", "2026-11-20T10:00:00Z", ward)]);
        await send(db, [
          adtEvent("admit", "2026-11-20T08:00:00Z", { mrn: "M2", visit: { visitNumber: "V2" } }),
        ]);
        await recordPatientRefs(db, "client|fhir", [
          { resourceId: "p-1", facilityCode: "RXD01", mrn: "M1" },
          { resourceId: "p-2", facilityCode: "RXD01", mrn: "M2" },
        ]);
        await purge("2026-11-20T10:05:00Z");
        expect([...(await findPatientRefs(db, "client|fhir", ["p-1", "p-2"])).keys()]).toEqual(["p-2"]);
      });

      it("removes merge pointers with their surviving patient", async () => {
        await send(db, [adtEvent("admit", "2026-11-20T08:00:00Z", ward)]);
        await send(db, [
          { ...adtEvent("merge", "2026-11-20T09:00:00Z", { visit: null }), mergedFrom: { mrn: "M0" } },
        ]);
        await send(db, [adtEvent("discharge", "2026-11-20T10:00:00Z", ward)]);
        expect(await countRows(db, "patient")).toBe(2);
        expect((await purge("2026-11-20T10:00:00Z")).patients).toBe(1);
        expect(await countRows(db, "patient")).toBe(0);
      });

      it("does not bring a purged patient back when old messages are sent again; a new visit still arrives", async () => {
        const admit = [adtEvent("admit", "2026-11-20T08:00:00Z", ward)];
        await send(db, admit, "OLD-ADMIT");
        await send(db, [adtEvent("discharge", "2026-11-20T10:00:00Z", ward)]);
        await purge("2026-11-20T10:00:00Z");
        await send(db, admit, "OLD-ADMIT");
        const replay = await send(db, admit);
        expect(replay.notes.join(" ")).toMatch(/purged/);
        expect(await currentCensus(db)).toEqual([]);
        expect(await countRows(db, "patient")).toBe(0);
        await send(db, [adtEvent("admit", "2026-11-22T08:00:00Z", { visit: { visitNumber: "V2" } })]);
        expect(await currentCensus(db)).toMatchObject([{ mrn: "M1", visitNumber: "V2" }]);
      });

      it("is idempotent: a second run purges nothing and the log keeps one row", async () => {
        await send(db, [adtEvent("admit", "2026-11-20T08:00:00Z", ward)]);
        await send(db, [adtEvent("discharge", "2026-11-20T10:00:00Z", ward)]);
        expect((await purge("2026-11-20T12:00:00Z")).patients).toBe(1);
        expect(await purge("2026-11-20T12:00:00Z")).toMatchObject({ patients: 0, events: 0, failed: 0 });
        expect(await countRows(db, "purge_log")).toBe(1);
      });
    });
  }
}
