/** Operator changes to facilities and wards, against every database adapter the machine can reach. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey, createApiClient } from "@/lib/api-clients/api-clients";
import type { Database } from "@/lib/db/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { applyMessage } from "./apply-message";
import { findFacilityWithWards, listFacilitiesWithWards, saveFacilities } from "./facilities";
import { addWard, createFacility, renameFacility, updateWard } from "./facility-admin";

const by = { userId: null, username: "cli:operator", method: "system" as const };
const refused = (code: string, message?: RegExp) =>
  expect.objectContaining({
    name: "AppError",
    code,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });

for (const target of await reachableDatabases()) {
  describe(`facility administration on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    const auditDetails = async () =>
      (
        await db.query<{ detail: string; username: string; ward_id: string | null }>(
          "SELECT detail, username, ward_id FROM audit_event WHERE action = 'setting.changed' ORDER BY occurred_at",
        )
      ).rows.map((row) => ({ ...JSON.parse(row.detail), username: row.username, wardId: row.ward_id }));

    beforeAll(async () => {
      ({ db, drop } = await target.create());
    });
    afterAll(() => drop());

    it("creates a facility that an API key can then be scoped to, audited", async () => {
      const created = await createFacility(db, { code: "NEW01", name: " Hillside Hospital " }, by);
      expect(created).toMatchObject({
        code: "NEW01",
        name: "Hillside Hospital",
        loadedAsDemo: false,
        wards: [],
      });
      const { key } = await createApiClient(db, { name: "Rhapsody TEST", facilityCodes: ["NEW01"] });
      expect((await authenticateApiKey(db, key)).facilityCodes).toEqual(["NEW01"]);
      expect(await auditDetails()).toEqual([
        {
          key: "facility",
          change: "created",
          facilityCode: "NEW01",
          after: JSON.stringify({ name: "Hillside Hospital" }),
          username: "cli:operator",
          wardId: null,
        },
      ]);
    });

    it("refuses a duplicate code (409) and bad input (400), changing nothing", async () => {
      await expect(createFacility(db, { code: "NEW01", name: "Again" }, by)).rejects.toEqual(
        refused("conflict", /NEW01 already exists/),
      );
      await expect(createFacility(db, { code: "new02", name: "Lower" }, by)).rejects.toEqual(
        refused("bad_request", /Facility code/),
      );
      await expect(createFacility(db, { code: "NEW02", name: "" }, by)).rejects.toEqual(
        refused("bad_request", /Name is required/),
      );
      await expect(createFacility(db, "NEW02", by)).rejects.toEqual(refused("bad_request"));
      expect((await listFacilitiesWithWards(db)).map((facility) => facility.code)).toEqual(["NEW01"]);
      expect(await auditDetails()).toHaveLength(1);
    });

    it("renames a facility; an unknown code is not found", async () => {
      const renamed = await renameFacility(db, "NEW01", { name: "Hillside General Hospital" }, by);
      expect(renamed).toMatchObject({ code: "NEW01", name: "Hillside General Hospital" });
      expect((await findFacilityWithWards(db, "NEW01"))?.name).toBe("Hillside General Hospital");
      await expect(renameFacility(db, "NOPE1", { name: "Nowhere" }, by)).rejects.toEqual(
        refused("not_found", /No facility with code NOPE1/),
      );
      expect(await auditDetails()).toContainEqual(
        expect.objectContaining({ change: "renamed", facilityCode: "NEW01" }),
      );
    });

    it("adds wards and changes their name, bed count and specialty", async () => {
      const ward = await addWard(db, "NEW01", { code: "HER1", name: "Heron Ward", bedCount: 24 }, by);
      expect(ward).toMatchObject({ code: "HER1", name: "Heron Ward", bedCount: 24, specialty: null });
      await expect(addWard(db, "NEW01", { code: "HER1", name: "Again", bedCount: 1 }, by)).rejects.toEqual(
        refused("conflict"),
      );
      await expect(addWard(db, "NOPE1", { code: "X1", name: "X", bedCount: 1 }, by)).rejects.toEqual(
        refused("not_found"),
      );
      const changed = await updateWard(db, "NEW01", "HER1", { bedCount: 28, specialty: "Respiratory" }, by);
      expect(changed).toEqual({ ...ward, bedCount: 28, specialty: "Respiratory" });
      const cleared = await updateWard(db, "NEW01", "HER1", { name: "Heron", specialty: null }, by);
      expect(cleared).toEqual({ ...ward, name: "Heron", bedCount: 28, specialty: null });
      await expect(updateWard(db, "NEW01", "NOPE", { bedCount: 1 }, by)).rejects.toEqual(
        refused("not_found"),
      );
      await expect(updateWard(db, "NEW01", "HER1", {}, by)).rejects.toEqual(refused("bad_request"));
      expect((await findFacilityWithWards(db, "NEW01"))?.wards).toEqual([cleared]);
      // Order-free: two changes in one millisecond share occurred_at.
      expect(await auditDetails()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ change: "ward-added", wardCode: "HER1", wardId: ward.id }),
          expect.objectContaining({ change: "ward-updated", fields: "bed_count,specialty" }),
          expect.objectContaining({ change: "ward-updated", fields: "name,specialty" }),
        ]),
      );
    });

    it("takes messages for the new facility, and a ward the feed created first can be named", async () => {
      const event = adtEvent("admit", "2026-11-20T08:00:00Z", {
        facility: "NEW01",
        visit: { location: { ward: "KIT2", bed: "B1" } },
      });
      const outcome = await applyMessage(
        db,
        { source: "pas", controlId: "FAC-1", protocol: "json", events: [event] },
        { tombstoneKey: "facility-test" },
      );
      expect(outcome).toMatchObject({ status: "applied" });
      await expect(
        addWard(db, "NEW01", { code: "KIT2", name: "Kite Ward", bedCount: 12 }, by),
      ).rejects.toEqual(refused("conflict", /perhaps created by the feed/));
      expect(await updateWard(db, "NEW01", "KIT2", { name: "Kite Ward", bedCount: 12 }, by)).toMatchObject({
        code: "KIT2",
        name: "Kite Ward",
        bedCount: 12,
      });
    });

    it("lists the demo mark: set only on facilities the demo seed saved", async () => {
      await saveFacilities(db, [{ code: "DEMO1", name: "Demo", wards: [] }], { loadedAsDemo: true });
      await saveFacilities(db, [{ code: "DEMO1", name: "Demo renamed", wards: [] }]);
      const marks = (await listFacilitiesWithWards(db)).map(({ code, loadedAsDemo }) => ({
        code,
        loadedAsDemo,
      }));
      expect(marks).toEqual([
        { code: "DEMO1", loadedAsDemo: true },
        { code: "NEW01", loadedAsDemo: false },
      ]);
    });
  });
}
