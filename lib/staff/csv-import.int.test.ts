/** Staff CSV import against every reachable database adapter. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateDemoHospital } from "@/demo/generator/hospital";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import {
  importStaffBatch,
  importStaffCsv,
  previewStaffImport,
  StaffCsvError,
  StaffImportIncompleteError,
} from "./csv-import";
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

/** `db`, except that every transaction after the first `commits` fails as a spent DSQL conflict. */
function failingAfter(db: Database, commits: number): Database {
  let started = 0;
  return {
    dialect: db.dialect,
    query: (sql, params) => db.query(sql, params),
    ping: () => db.ping(),
    close: () => db.close(),
    transaction: (work, options) => {
      started++;
      if (started > commits) {
        return Promise.reject(
          Object.assign(new Error("change conflicts with another transaction (OC000)"), { code: "40001" }),
        );
      }
      return db.transaction(work, options);
    },
  };
}

const manyUsers = (n: number, role = "clinician") =>
  [header, ...Array.from({ length: n }, (_, i) => `trust\\bulk${i},Bulk ${i},${role},RXD01/ALD101,,,`)].join(
    "\n",
  );

for (const target of await reachableDatabases()) {
  describe(`staff import in batches on ${target.dialect}`, () => {
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
    const changedRows = async () =>
      (
        await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_event WHERE action = 'user.changed'",
        )
      ).rows[0]!.n;

    it("previews every row with what it would do and its problems, writing nothing", async () => {
      await createStaffUser(db, { username: "trust\\jbloggs", displayName: "Joe", roles: ["admin"] }, by);
      await createStaffUser(db, { username: "trust\\same", displayName: "Same", roles: ["admin"] }, by);
      const text = [
        header,
        "TRUST\\JBloggs,Joe,clinician,,,,",
        "trust\\same,Same,admin,,,,",
        "trust\\new,New,ward-clerk,RXD01/NOPE99,,,",
        "trust\\fresh,Fresh,ward-clerk,,RXD02,,",
        "nodomain,Bad,clinician,,,maybe,",
      ].join("\n");
      const audits = await changedRows();
      const preview = await previewStaffImport(db, text, by);
      expect(preview.rows.map((row) => [row.row, row.cells.username, row.action, row.fields])).toEqual([
        [2, "TRUST\\JBloggs", "update", ["roles"]],
        [3, "trust\\same", "unchanged", []],
        [4, "trust\\new", "error", []],
        [5, "trust\\fresh", "create", []],
        [6, "nodomain", "error", []],
      ]);
      expect(preview.rows[2]?.errors).toEqual([
        { row: 4, column: "wards", message: "Unknown ward code: RXD01/NOPE99" },
      ]);
      expect(preview.rows[4]?.errors.map((error) => error.column)).toEqual(["enabled", "username"]);
      expect(preview.errors).toHaveLength(3);
      expect(preview.counts).toEqual({ create: 1, update: 1, unchanged: 1 });
      expect(preview).toMatchObject({ total: 5, batchSize: 200, batches: 1 });
      expect(await countUsers(db)).toBe(2);
      expect(await changedRows()).toBe(audits);
      // The batch writer refuses the same file whole.
      await expect(importStaffBatch(db, text, by, 0)).rejects.toBeInstanceOf(StaffCsvError);
      expect(await countUsers(db)).toBe(2);
    });

    it("shows a row that would change the importer's own roles as an error in the preview", async () => {
      const self = await createStaffUser(
        db,
        { username: "trust\\ada", displayName: "Ada", roles: ["admin"] },
        by,
      );
      const preview = await previewStaffImport(
        db,
        [header, "trust\\ada,Ada,admin;clinician,,,,"].join("\n"),
        {
          userId: self.id,
          username: self.username,
        },
      );
      expect(preview.rows[0]).toMatchObject({ action: "error", errors: [{ row: 2, column: "roles" }] });
      expect(preview.errors[0]?.message).toMatch(/your own account/);
    });

    it("writes 200 users per batch call, reports progress, and a repeated call changes nothing", async () => {
      const text = manyUsers(450);
      const steps: [number, number, boolean][] = [];
      let start = 0;
      for (;;) {
        const result = await importStaffBatch(db, text, by, start);
        steps.push([result.next, result.total, result.done]);
        expect(await countUsers(db)).toBe(result.next);
        if (result.done) break;
        start = result.next;
      }
      expect(steps).toEqual([
        [200, 450, false],
        [400, 450, false],
        [450, 450, true],
      ]);
      expect(await importStaffBatch(db, text, by, 200)).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 200,
      });
      await expect(importStaffBatch(db, text, by, 451)).rejects.toMatchObject({ code: "bad_request" });
    });

    it("after a batch fails, says what was written, and the same file again completes it without duplicates", async () => {
      const text = manyUsers(700);
      const error = await importStaffCsv(failingAfter(db, 2), text, by).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StaffImportIncompleteError);
      expect(error).toMatchObject({ code: "unavailable", written: 400, total: 700 });
      expect((error as Error).message).toMatch(
        /^400 of 700 users were imported .*Import the same file again/,
      );
      expect(await countUsers(db)).toBe(400);
      expect(await importStaffCsv(db, text, by)).toEqual({ created: 300, updated: 0, unchanged: 400 });
      const { rows } = await db.query<{ n: number; names: number }>(
        "SELECT count(*)::int AS n, count(DISTINCT username)::int AS names FROM staff_user",
      );
      expect(rows[0]).toEqual({ n: 700, names: 700 });
      expect(await changedRows()).toBe(700);
      const scope = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM user_ward_access");
      expect(scope.rows[0]!.n).toBe(700);
    }, 30_000);

    it("a failure in the first batch writes nothing and keeps its own message", async () => {
      await expect(importStaffCsv(failingAfter(db, 0), manyUsers(10), by)).rejects.toMatchObject({
        code: "unavailable",
        message: expect.stringMatching(/conflicting/),
      });
      expect(await countUsers(db)).toBe(0);
    }, 30_000);
  });
}
