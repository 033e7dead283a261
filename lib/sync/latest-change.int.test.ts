/** The ward list's change poll, against every reachable database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, seedFacilities } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { adt } from "@/lib/ward-list/ward-list.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { latestChange } from "./latest-change";

for (const target of await reachableDatabases()) {
  describe(`latest change on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      for (let i = 1; i <= 3; i++)
        await adt(db, { facility: "RXD02", ward: "ASH", bed: `B${i}`, mrn: `A-${i}` });
      await adt(db, { facility: "RXD01", ward: "OAK", bed: "B1", mrn: "O-1" });
    });
    afterAll(() => drop());

    async function userOn() {
      const user = await createUser(db, ["clinician"]);
      await user.grantWard("RXD02", "ASH");
      return user;
    }

    it("moves the change token when an ADT message is applied or a patient leaves", async () => {
      const nurse = await userOn();
      const before = await latestChange(db, nurse.principal);
      expect(before.changedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      expect(await latestChange(db, nurse.principal)).toEqual(before);
      await adt(
        db,
        { facility: "RXD02", ward: "ASH", bed: "B2", mrn: "A-2", at: "2026-11-20T11:00:00Z" },
        "update",
      );
      const updated = await latestChange(db, nurse.principal);
      expect(updated.changedAt! > before.changedAt!).toBe(true);
      expect(updated.token).not.toBe(before.token);
      await adt(db, { facility: "RXD02", ward: "ASH", mrn: "A-1", at: "2026-11-20T11:00:00Z" }, "discharge");
      const left = await latestChange(db, nurse.principal);
      expect(left.entries).toBe(updated.entries - 1);
      expect(left.token).not.toBe(updated.token);
    });

    it("narrowed to one ward, moves with that ward only, and counts nothing for a ward outside the scope", async () => {
      const nurse = await userOn();
      await nurse.grantWard("RXD01", "OAK");
      const wardId = async (code: string) =>
        (await db.query<{ id: string }>("SELECT id FROM ward WHERE code = $1", [code])).rows[0]!.id;
      const [ash, oak] = [await wardId("ASH"), await wardId("OAK")];
      const ashBefore = await latestChange(db, nurse.principal, ash);
      const oakBefore = await latestChange(db, nurse.principal, oak);
      expect(oakBefore.entries).toBe(1);
      expect(ashBefore.entries).toBe((await latestChange(db, nurse.principal)).entries - 1);
      await adt(
        db,
        { facility: "RXD01", ward: "OAK", bed: "B1", mrn: "O-1", at: "2026-11-20T11:30:00Z" },
        "update",
      );
      expect(await latestChange(db, nurse.principal, ash)).toEqual(ashBefore);
      expect((await latestChange(db, nurse.principal, oak)).token).not.toBe(oakBefore.token);

      const outsider = await userOn();
      expect(await latestChange(db, outsider.principal, oak)).toMatchObject({ changedAt: null, entries: 0 });
    });

    it("moves when the user's scope changes, and is empty without a clinical role", async () => {
      const nurse = await userOn();
      const before = await latestChange(db, nurse.principal);
      await nurse.grantWard("RXD01", "OAK");
      expect((await latestChange(db, nurse.principal)).scopeVersion).not.toBe(before.scopeVersion);
      const admin = await createUser(db, ["admin"]);
      await admin.grantWard("RXD02", "ASH");
      expect(await latestChange(db, admin.principal)).toMatchObject({ changedAt: null, entries: 0 });
    });
  });
}
