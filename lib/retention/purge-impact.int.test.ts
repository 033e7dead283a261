/**
 * The console's purge warning counts exactly what the purge runner then removes, and a retention
 * change is saved only once those figures are confirmed; on every database adapter.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditRows, createUser } from "@/lib/access/access.test-kit";
import { currentCensus } from "@/lib/census/census-queries";
import { saveFacilities } from "@/lib/census/facilities";
import { clearPolicyCache, readPolicy, savePolicy } from "@/lib/census/facility-policy";
import type { Database } from "@/lib/db/types";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { facilityPrefix } from "@/lib/documents/storage-keys";
import { changeFacilityPolicy } from "@/lib/settings/facility-policy-change";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import { apiClient, documentMeta, pdf, resetTables, send, tombstoneKey } from "./purge.test-kit";
import { purgeImpact } from "./purge-impact";
import { runPurge } from "./run-purge";

const now = new Date("2026-12-04T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
const files = documentStores.find((store) => store.kind === "files")!;

for (const database of await reachableDatabases()) {
  describe(`purge impact on ${database.dialect}`, () => {
    let db: Database;
    let storage: DocumentStore;
    let facilityId: string;
    let cleanup: () => Promise<void>;
    let bytesOf: Record<string, number>;

    const admit = (mrn: string, at: string, bed: string) =>
      send(db, [
        adtEvent("admit", at, { mrn, visit: { visitNumber: `V-${mrn}`, location: { ward: "OAK", bed } } }),
      ]);
    const discharge = (mrn: string, at: string) =>
      send(db, [
        adtEvent("discharge", at, { mrn, visit: { visitNumber: `V-${mrn}`, dischargedAt: new Date(at) } }),
      ]);
    const store = async (mrn: string, documentId: string, text: string) => {
      const ctx = { db, storage, timeZone: "Europe/London", tombstoneKey, now: () => now };
      const stored = await ingestDocument(
        ctx,
        apiClient,
        { facility: "RXD01", mrn, documentId },
        documentMeta(daysAgo(1)),
        pdf(text),
      );
      bytesOf[mrn] = (bytesOf[mrn] ?? 0) + stored.bytes;
    };
    const onWard = async () =>
      (await currentCensus(db))
        .filter((row) => row.facilityCode === "RXD01")
        .map((row) => row.mrn)
        .sort();

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
        { code: "RXD02", name: "Northgate", wards: [{ code: "ASH", name: "Ash", bedCount: 20 }] },
      ]);
      facilityId = (await db.query<{ id: string }>("SELECT id FROM facility WHERE code = 'RXD01'")).rows[0]!
        .id;
    });
    afterAll(() => cleanup());
    beforeEach(async () => {
      await resetTables(db);
      await storage.deleteByPrefix(facilityPrefix(facilityId));
      clearPolicyCache();
      bytesOf = {};
      await savePolicy(db, facilityId, "retention", {
        graceHoursAfterDischarge: 48,
        maxDaysWithoutEvents: 30,
      });
      // QUIET: on the ward, no event for 10 days, two documents.
      await admit("QUIET", daysAgo(10), "B1");
      await store("QUIET", "mar", "drug chart");
      await store("QUIET", "plan", "care plan with more words");
      // GONE: discharged 6 hours ago, inside a 48-hour grace period; one document.
      await admit("GONE", daysAgo(3), "B2");
      await discharge("GONE", hoursAgo(6));
      await store("GONE", "obs", "observations");
      // FRESH: admitted yesterday, kept under any policy here.
      await admit("FRESH", daysAgo(1), "B3");
      await store("FRESH", "mar", "another chart");
      // OLD: discharged 20 days ago, due under the current policy already.
      await admit("OLD", daysAgo(25), "B4");
      await discharge("OLD", daysAgo(20));
    });

    it("counts patients, current patients and documents the new policy would purge, and the runner removes exactly those", async () => {
      expect(await onWard()).toEqual(["FRESH", "QUIET"]);
      const current = await purgeImpact(db, facilityId, await readPolicy(db, facilityId, "retention"), now);
      expect(current).toMatchObject({ patients: 1, currentPatients: 0, documents: 0, bytes: 0 });

      const policy = { graceHoursAfterDischarge: 0, maxDaysWithoutEvents: 7 };
      const impact = await purgeImpact(db, facilityId, policy, now);
      expect(impact).toEqual({
        patients: 3,
        currentPatients: 1,
        stays: 3,
        documents: 3,
        bytes: bytesOf.QUIET! + bytesOf.GONE!,
        byReason: { discharged: 2, stale: 1 },
      });

      await savePolicy(db, facilityId, "retention", policy);
      const summary = await runPurge({ db, storage, tombstoneKey, now });
      expect(summary).toMatchObject({
        patients: impact.patients,
        stays: impact.stays,
        documents: impact.documents,
        bytes: impact.bytes,
        byReason: impact.byReason,
        failed: 0,
      });
      expect(await onWard()).toEqual(["FRESH"]);
      expect(await purgeImpact(db, facilityId, policy, now)).toMatchObject({ patients: 0, documents: 0 });
    });

    it("counts a merged patient's pointer and its documents with the survivor", async () => {
      await admit("PRIOR", daysAgo(12), "B5");
      await store("PRIOR", "letter", "a letter filed under the old MRN");
      await send(db, [
        {
          ...adtEvent("merge", daysAgo(11), { mrn: "QUIET", visit: null }),
          mergedFrom: { mrn: "PRIOR" },
        },
      ]);
      const policy = { graceHoursAfterDischarge: 48, maxDaysWithoutEvents: 7 };
      const impact = await purgeImpact(db, facilityId, policy, now);
      // QUIET with PRIOR's stay and letter (one person), and OLD.
      expect(impact).toMatchObject({ patients: 2, currentPatients: 1, documents: 3, stays: 3 });
      await savePolicy(db, facilityId, "retention", policy);
      const summary = await runPurge({ db, storage, tombstoneKey, now });
      expect(summary).toMatchObject({
        patients: impact.patients,
        stays: impact.stays,
        documents: impact.documents,
        bytes: impact.bytes,
      });
    });

    it("saves a retention change only once its figures are confirmed, audited with before and after", async () => {
      const admin = await createUser(db, ["admin"]);
      const value = {
        publishing: { fields: ["alerts", "allergies"] as ("alerts" | "allergies")[] },
        retention: { graceHoursAfterDischarge: 0, maxDaysWithoutEvents: 7 },
      };
      const first = await changeFacilityPolicy(db, admin.principal, { facilityId, value, now });
      expect(first).toMatchObject({
        status: "confirm",
        figuresMoved: false,
        impact: { patients: 3, currentPatients: 1, documents: 3 },
        dueNow: { patients: 1, currentPatients: 0, documents: 0 },
      });
      expect(await readPolicy(db, facilityId, "retention")).toMatchObject({ maxDaysWithoutEvents: 30 });

      // Figures that moved since the warning was shown (here: confirmed wrongly) are shown again.
      const stale = await changeFacilityPolicy(db, admin.principal, {
        facilityId,
        value,
        now,
        confirmed: { patients: 2, currentPatients: 1, documents: 3 },
      });
      expect(stale).toMatchObject({ status: "confirm", figuresMoved: true, impact: { patients: 3 } });

      const saved = await changeFacilityPolicy(db, admin.principal, {
        facilityId,
        value,
        now,
        confirmed: { patients: 3, currentPatients: 1, documents: 3 },
      });
      expect(saved).toEqual({
        status: "saved",
        changed: [
          "publishing.fields",
          "retention.graceHoursAfterDischarge",
          "retention.maxDaysWithoutEvents",
        ],
      });
      expect(await readPolicy(db, facilityId, "retention")).toEqual(value.retention);
      expect(await readPolicy(db, facilityId, "publishing")).toEqual({ fields: ["alerts", "allergies"] });
      const rows = await auditRows(db, admin.principal.userId);
      const changes = rows
        .map((row) => [row.action, JSON.parse(row.detail)] as const)
        .sort(([, a], [, b]) => String(a.key).localeCompare(String(b.key)));
      expect(changes).toEqual([
        [
          "setting.changed",
          {
            key: "publishing.fields",
            facilityId,
            facilityCode: "RXD01",
            before: ["alerts", "allergies", "consultant", "gp", "nextOfKin"],
            after: ["alerts", "allergies"],
          },
        ],
        [
          "setting.changed",
          {
            key: "retention.graceHoursAfterDischarge",
            facilityId,
            facilityCode: "RXD01",
            before: 48,
            after: 0,
          },
        ],
        [
          "setting.changed",
          { key: "retention.maxDaysWithoutEvents", facilityId, facilityCode: "RXD01", before: 30, after: 7 },
        ],
      ]);

      const summary = await runPurge({ db, storage, tombstoneKey, now });
      expect([summary.patients, summary.documents]).toEqual([3, 3]);
      // Saving the same values again changes and audits nothing.
      expect(await changeFacilityPolicy(db, admin.principal, { facilityId, value, now })).toEqual({
        status: "unchanged",
      });
      expect(await auditRows(db, admin.principal.userId)).toHaveLength(3);
    });

    it("saves a publishing-only change without a purge warning, and refuses non-admins", async () => {
      const admin = await createUser(db, ["admin"]);
      const value = {
        publishing: { fields: ["consultant"] as "consultant"[] },
        retention: { graceHoursAfterDischarge: 48, maxDaysWithoutEvents: 30 },
      };
      expect(await changeFacilityPolicy(db, admin.principal, { facilityId, value, now })).toEqual({
        status: "saved",
        changed: ["publishing.fields"],
      });
      const nurse = await createUser(db, ["clinician"]);
      await expect(
        changeFacilityPolicy(db, nurse.principal, { facilityId, value, now }),
      ).rejects.toMatchObject({
        code: "forbidden",
      });
      await expect(
        changeFacilityPolicy(db, admin.principal, { facilityId: "nope", value, now }),
      ).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
