/** Staff CSV import against every reachable database adapter. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateDemoHospital } from "@/demo/generator/hospital";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { importStaffCsv, StaffCsvError } from "./csv-import";
import { createStaffUser, findStaffUserByUsername, listStaffUsers } from "./staff-directory";

const by = { userId: "00000000-0000-4000-8000-000000000001", username: "trust\\admin" };
const header = "username,display_name,roles,wards,facilities,enabled,non_prod_allowed";
const file = [
  `\uFEFF${header}`,
  'TRUST\\JBloggs,"Bloggs, Joe",clinician,RXD01/ALD101;RXD01/BEE102,,true,false',
  'trust\\asmith,"Smith, Ann ""Annie""\r\nWard Clerk",ward-clerk,,RXD02,,',
  "trust\\admin2,Admin Two,admin;ig-auditor,,,false,yes",
].join("\r\n");

const countUsers = async (db: Database) =>
  (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM staff_user")).rows[0]!.n;

for (const target of await reachableDatabases()) {
  describe(`importStaffCsv on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, generateDemoHospital());
    });
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of ["user_ward_access", "user_facility_access", "staff_user", "audit_event"]) {
        await db.query(`DELETE FROM ${table}`);
      }
    });

    it("imports quoted fields with commas, quotes and line breaks from a file with a BOM", async () => {
      expect(await importStaffCsv(db, file, by)).toEqual({ created: 3, updated: 0, unchanged: 0 });
      const joe = await findStaffUserByUsername(db, "trust\\jbloggs");
      expect(joe).toMatchObject({ displayName: "Bloggs, Joe", roles: ["clinician"], enabled: true });
      expect(joe?.wards.map((ward) => ward.code)).toEqual(["ALD101", "BEE102"]);
      const ann = await findStaffUserByUsername(db, "trust\\asmith");
      expect(ann).toMatchObject({
        displayName: 'Smith, Ann "Annie"\r\nWard Clerk',
        facilities: [{ code: "RXD02" }],
      });
      expect(await findStaffUserByUsername(db, "trust\\admin2")).toMatchObject({
        roles: ["admin", "ig-auditor"],
        enabled: false,
        nonProdAllowed: true,
      });
    });

    it("reports unchanged on a repeated import and writes no audit rows for it", async () => {
      await importStaffCsv(db, file, by);
      const audits = async () =>
        (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event")).rows[0]!.n;
      // Three user.changed rows, and two clinical-role flags (a clinician and a ward clerk).
      expect(await audits()).toBe(5);
      expect(await importStaffCsv(db, file.replace("\uFEFF", ""), by)).toEqual({
        created: 0,
        updated: 0,
        unchanged: 3,
      });
      expect(await audits()).toBe(5);
    });

    it("refuses a file that changes the importing admin's own roles or scope, whole, with a 403 (audited)", async () => {
      const self = await createStaffUser(
        db,
        { username: "trust\\ada", displayName: "Ada", roles: ["admin"] },
        { username: "system" },
      );
      const asSelf = { userId: self.id, username: self.username };
      const escalate = [
        header,
        "trust\\newbie,New Bie,clinician,,,,",
        "TRUST\\Ada,Ada,admin;clinician,RXD01/ALD101,,,",
      ].join("\r\n");
      const before = await countUsers(db);
      await expect(importStaffCsv(db, escalate, asSelf)).rejects.toMatchObject({
        code: "forbidden",
        message: expect.stringMatching(/row 3 \(roles, wards\).*another admin/),
      });
      expect(await countUsers(db)).toBe(before);
      expect((await findStaffUserByUsername(db, "trust\\ada"))?.roles).toEqual(["admin"]);
      const { rows } = await db.query<{ user_id: string; detail: string }>(
        "SELECT user_id, detail FROM audit_event WHERE action = 'user.change-refused'",
      );
      expect(rows.map((row) => [row.user_id, JSON.parse(row.detail)])).toEqual([
        [self.id, { targetUserId: self.id, reason: "self-change", fields: "roles,wards", source: "csv" }],
      ]);
      // The same file from another admin goes through.
      expect(await importStaffCsv(db, escalate, by)).toMatchObject({ created: 1, updated: 1 });
    });

    it("updates existing users by username and replaces their scope", async () => {
      await createStaffUser(
        db,
        { username: "trust\\jbloggs", displayName: "Joe", roles: ["admin"], facilities: ["RXD03"] },
        by,
      );
      expect(await importStaffCsv(db, file, by)).toEqual({ created: 2, updated: 1, unchanged: 0 });
      const joe = await findStaffUserByUsername(db, "trust\\jbloggs");
      expect(joe).toMatchObject({ displayName: "Bloggs, Joe", roles: ["clinician"], facilities: [] });
      expect(joe?.wards).toHaveLength(2);
    });

    it("imports nothing when any row is bad, and lists every bad row", async () => {
      const bad = [
        header,
        "trust\\good,Good,admin,,,,",
        "trust\\ward,Bad Ward,clinician,RXD01/NOPE99,,,",
        "nodomain,No Domain,clinician,,,,",
        "trust\\site,Bad Site,ward-clerk,,RXD09,,",
      ].join("\n");
      const error = await importStaffCsv(db, bad, by).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StaffCsvError);
      expect(error).toMatchObject({ code: "bad_request" });
      expect((error as StaffCsvError).errors).toEqual([
        { row: 3, column: "wards", message: "Unknown ward code: RXD01/NOPE99" },
        { row: 4, column: "username", message: expect.stringMatching(/DOMAIN\\user/) },
        { row: 5, column: "facilities", message: "Unknown facility code: RXD09" },
      ]);
      expect((error as Error).message).toMatch(/^Nothing was imported\. 3 problem\(s\): row 3 \(wards\)/);
      expect(await countUsers(db)).toBe(0);
    });

    it("imports a large file in several transactions", async () => {
      const rows = Array.from(
        { length: 1_300 },
        (_, i) => `trust\\user${i},User ${i},clinician,RXD01/ALD101;RXD01/BEE102,RXD02,,`,
      );
      expect(await importStaffCsv(db, [header, ...rows].join("\n"), by)).toEqual({
        created: 1_300,
        updated: 0,
        unchanged: 0,
      });
      expect(await countUsers(db)).toBe(1_300);
      expect((await listStaffUsers(db, { search: "user1299" })).users[0]?.wards).toHaveLength(2);
    });
  });
}
