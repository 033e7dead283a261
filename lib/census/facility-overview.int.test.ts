/**
 * The console's facilities and wards: patient counts, wards the feed created flagged for review
 * until an admin marks them reviewed (audited with before and after), renames audited with before
 * and after; on every database adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { applyMessage } from "./apply-message";
import { addWard, createFacility, markWardReviewed, renameFacility, updateWard } from "./facility-admin";
import { listFacilityOverview, listWardOverview } from "./facility-overview";

const by = {
  userId: "00000000-0000-4000-8000-000000000001",
  username: "rxd\\admin",
  method: "launcher" as const,
};

for (const target of await reachableDatabases()) {
  describe(`facility overview on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    const audits = async (change: string) =>
      (
        await db.query<{ detail: string; user_id: string; ward_id: string | null }>(
          "SELECT detail, user_id, ward_id FROM audit_event WHERE action = 'setting.changed' ORDER BY occurred_at",
        )
      ).rows
        .map((row) => ({ ...JSON.parse(row.detail), userId: row.user_id, wardId: row.ward_id }))
        .filter((detail) => detail.change === change);
    const admit = (controlId: string, mrn: string, visitNumber: string, ward: string) =>
      applyMessage(
        db,
        {
          source: "pas",
          controlId,
          protocol: "json",
          events: [
            adtEvent("admit", "2026-11-20T08:00:00Z", {
              facility: "RXD01",
              mrn,
              visit: { visitNumber, location: { ward, bed: "B1" } },
            }),
          ],
        },
        { tombstoneKey: "overview-test" },
      );

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await createFacility(db, { code: "RXD01", name: "Royal" }, by);
      await createFacility(db, { code: "RXE02", name: "Empty site" }, by);
      await addWard(db, "RXD01", { code: "OAK", name: "Oak Ward", bedCount: 20 }, by);
      expect(await admit("C1", "M1", "V1", "OAK")).toMatchObject({ status: "applied" });
      expect(await admit("C2", "M2", "V2", "NEWW")).toMatchObject({ status: "applied" });
      expect(await admit("C3", "M3", "V3", "NEWW")).toMatchObject({ status: "applied" });
    });
    afterAll(() => drop());

    it("counts current patients per facility and ward, and flags the ward the feed created", async () => {
      expect(await listFacilityOverview(db)).toEqual([
        { code: "RXD01", name: "Royal", wardCount: 2, patientCount: 3, wardsToReview: 1 },
        { code: "RXE02", name: "Empty site", wardCount: 0, patientCount: 0, wardsToReview: 0 },
      ]);
      const { wards, total } = await listWardOverview(db, { sort: "patients", descending: true });
      expect(total).toBe(2);
      expect(
        wards.map(({ code, name, patientCount, createdByIngest, needsReview }) => ({
          code,
          name,
          patientCount,
          createdByIngest,
          needsReview,
        })),
      ).toEqual([
        { code: "NEWW", name: "NEWW", patientCount: 2, createdByIngest: true, needsReview: true },
        { code: "OAK", name: "Oak Ward", patientCount: 1, createdByIngest: false, needsReview: false },
      ]);
      const flagged = await listWardOverview(db, { needsReviewOnly: true });
      expect(flagged.wards.map((ward) => ward.code)).toEqual(["NEWW"]);
      expect((await listWardOverview(db, { facilityCode: "RXE02" })).total).toBe(0);
      expect((await listWardOverview(db, { pageSize: 1, page: 2 })).wards.map((ward) => ward.code)).toEqual([
        "OAK",
      ]);
    });

    it("marking reviewed clears the flag once, audited with who, before and after", async () => {
      const now = new Date("2026-11-20T09:00:00Z");
      await updateWard(db, "RXD01", "NEWW", { name: "Newt Ward" }, by);
      // Renaming alone does not review it: an admin says so deliberately.
      expect((await listWardOverview(db, { needsReviewOnly: true })).total).toBe(1);
      expect(await markWardReviewed(db, "RXD01", "NEWW", by, now)).toEqual({ reviewed: true });
      expect(await markWardReviewed(db, "RXD01", "NEWW", by, now)).toEqual({ reviewed: false });
      expect(await markWardReviewed(db, "RXD01", "OAK", by, now)).toEqual({ reviewed: false });
      await expect(markWardReviewed(db, "RXD01", "NOPE", by, now)).rejects.toMatchObject({
        code: "not_found",
      });
      await expect(markWardReviewed(db, "NOPE1", "OAK", by, now)).rejects.toMatchObject({
        code: "not_found",
      });
      const ward = (await listWardOverview(db, { facilityCode: "RXD01", sort: "code" })).wards[0]!;
      expect(ward).toMatchObject({ code: "NEWW", name: "Newt Ward", needsReview: false, reviewedAt: now });
      expect((await listFacilityOverview(db))[0]!.wardsToReview).toBe(0);

      const reviewed = await audits("ward-reviewed");
      expect(reviewed).toEqual([
        expect.objectContaining({
          facilityCode: "RXD01",
          wardCode: "NEWW",
          wardId: ward.id,
          userId: by.userId,
          before: JSON.stringify({ reviewedAt: null }),
          after: JSON.stringify({ reviewedAt: now.toISOString() }),
        }),
      ]);
      const renamed = await audits("ward-updated");
      expect(renamed.map((detail) => [JSON.parse(detail.before), JSON.parse(detail.after)])).toEqual([
        [{ name: "NEWW" }, { name: "Newt Ward" }],
      ]);
    });

    it("a facility rename records the old and the new name", async () => {
      await renameFacility(db, "RXE02", { name: "Eastern site" }, by);
      const [renamed] = await audits("renamed");
      expect(JSON.parse(renamed.before)).toEqual({ name: "Empty site" });
      expect(JSON.parse(renamed.after)).toEqual({ name: "Eastern site" });
    });
  });
}
