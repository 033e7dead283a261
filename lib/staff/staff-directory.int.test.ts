/** The staff directory against every reachable database adapter. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateDemoHospital } from "@/demo/generator/hospital";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import {
  changeStaffScope,
  createStaffUser,
  disableStaffUser,
  enableStaffUser,
  findStaffUserByUsername,
  getStaffUser,
  listStaffUsers,
  type StaffUserPatchRaw,
  updateStaffUser,
} from "./staff-directory";

const admin = { userId: "00000000-0000-4000-8000-000000000001", username: "trust\\admin" };
const joe = { username: "trust\\jbloggs", displayName: "Joe Bloggs", roles: ["clinician" as const] };

for (const target of await reachableDatabases()) {
  describe(`staff directory on ${target.dialect}`, () => {
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

    it("creates a user with ward and facility scope resolved to ids", async () => {
      const user = await createStaffUser(
        db,
        { ...joe, wards: ["RXD01/BEE102", "RXD01/ALD101"], facilities: ["RXD03"] },
        admin,
      );
      expect(user).toMatchObject({ username: "trust\\jbloggs", enabled: true, nonProdAllowed: false });
      expect(user.wards.map((ward) => [ward.facilityCode, ward.code, ward.name])).toEqual([
        ["RXD01", "ALD101", "Alder Ward"],
        ["RXD01", "BEE102", "Beech Ward"],
      ]);
      expect(user.facilities).toMatchObject([{ code: "RXD03" }]);
      expect(await getStaffUser(db, user.id)).toEqual(user);
      expect(await getStaffUser(db, "not-a-uuid")).toBeNull();
    });

    it("finds a user whatever the case of the username typed", async () => {
      const user = await createStaffUser(db, { ...joe, username: "trust\\jbloggs" }, admin);
      expect((await findStaffUserByUsername(db, "TRUST\\JBloggs"))?.id).toBe(user.id);
      expect(await findStaffUserByUsername(db, "trust\\nobody")).toBeNull();
    });

    it("refuses an invalid username, a duplicate username and an unknown ward, naming the problem", async () => {
      await expect(createStaffUser(db, { ...joe, username: "jbloggs" }, admin)).rejects.toMatchObject({
        code: "bad_request",
        message: expect.stringMatching(/username: Expected a Windows username in the form DOMAIN\\user/),
      });
      await createStaffUser(db, joe, admin);
      await expect(createStaffUser(db, { ...joe, username: "TRUST\\JBLOGGS" }, admin)).rejects.toMatchObject({
        code: "conflict",
      });
      await expect(
        createStaffUser(
          db,
          { ...joe, username: "trust\\other", wards: ["RXD01/ALD101", "RXD01/NOPE99"] },
          admin,
        ),
      ).rejects.toMatchObject({ code: "bad_request", message: "Unknown ward code: RXD01/NOPE99" });
      await expect(
        createStaffUser(db, { ...joe, username: "trust\\other", facilities: ["RXD09"] }, admin),
      ).rejects.toMatchObject({ code: "bad_request", message: "Unknown facility code: RXD09" });
      expect(await findStaffUserByUsername(db, "trust\\other")).toBeNull();
    });

    it("replaces the scope on update and keeps fields the patch leaves out", async () => {
      const user = await createStaffUser(
        db,
        { ...joe, wards: ["RXD01/ALD101"], facilities: ["RXD02"] },
        admin,
      );
      const updated = await updateStaffUser(
        db,
        user.id,
        { wards: ["RXD02/KES201"], roles: ["ward-clerk"] },
        admin,
      );
      expect(updated.wards.map((ward) => ward.code)).toEqual(["KES201"]);
      expect(updated.facilities.map((facility) => facility.code)).toEqual(["RXD02"]);
      expect(updated).toMatchObject({ displayName: "Joe Bloggs", roles: ["ward-clerk"] });
      const cleared = await updateStaffUser(db, user.id, { facilities: [] }, admin);
      expect(cleared.facilities).toEqual([]);
      const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM user_ward_access");
      expect(rows.rows[0]!.n).toBe(1);
      await expect(updateStaffUser(db, admin.userId, { enabled: false }, admin)).rejects.toMatchObject({
        code: "not_found",
      });
    });

    it("refuses renaming onto another user's username", async () => {
      await createStaffUser(db, joe, admin);
      const other = await createStaffUser(db, { ...joe, username: "trust\\other" }, admin);
      await expect(
        updateStaffUser(db, other.id, { username: "Trust\\JBloggs" }, admin),
      ).rejects.toMatchObject({
        code: "conflict",
      });
    });

    it("grants and removes ward and facility scope against the scope as stored", async () => {
      const user = await createStaffUser(db, { ...joe, wards: ["RXD01/ALD101"] }, admin);
      // Two grants made from the same stale page both stay: each applies to what is stored.
      await changeStaffScope(db, user.id, { grantWards: ["RXD01/BEE102"] }, admin);
      await changeStaffScope(db, user.id, { grantFacilities: ["RXD02"] }, admin);
      const granted = await changeStaffScope(db, user.id, { removeWards: ["RXD01/ALD101"] }, admin);
      expect(granted.wards.map((ward) => ward.code)).toEqual(["BEE102"]);
      expect(granted.facilities.map((facility) => facility.code)).toEqual(["RXD02"]);
      await expect(
        changeStaffScope(db, user.id, { grantWards: ["RXD01/NOPE"] }, admin),
      ).rejects.toMatchObject({
        code: "bad_request",
      });
      await expect(
        changeStaffScope(db, user.id, { grantWards: ["not a code"] }, admin),
      ).rejects.toMatchObject({
        code: "bad_request",
      });
      const { rows } = await db.query<{ detail: string }>(
        "SELECT detail FROM audit_event WHERE action = 'user.changed' ORDER BY recorded_at, occurred_at",
      );
      expect(rows.slice(1).map((row) => JSON.parse(row.detail))).toEqual([
        expect.objectContaining({
          "before.wards": ["RXD01/ALD101"],
          "after.wards": ["RXD01/ALD101", "RXD01/BEE102"],
        }),
        expect.objectContaining({ "before.facilities": [], "after.facilities": ["RXD02"] }),
        expect.objectContaining({
          "before.wards": ["RXD01/ALD101", "RXD01/BEE102"],
          "after.wards": ["RXD01/BEE102"],
        }),
      ]);
    });

    it("refuses a grant of scope to oneself, audited", async () => {
      const self = await createStaffUser(
        db,
        { username: "trust\\ada", displayName: "Ada", roles: ["admin"] },
        admin,
      );
      await expect(
        changeStaffScope(
          db,
          self.id,
          { grantWards: ["RXD01/ALD101"] },
          { userId: self.id, username: self.username },
        ),
      ).rejects.toMatchObject({ code: "forbidden" });
      expect((await getStaffUser(db, self.id))?.wards).toEqual([]);
      const { rows } = await db.query("SELECT 1 FROM audit_event WHERE action = 'user.change-refused'");
      expect(rows).toHaveLength(1);
    });

    it("disables and enables a user", async () => {
      const user = await createStaffUser(db, joe, admin);
      expect((await disableStaffUser(db, user.id, admin)).enabled).toBe(false);
      expect((await enableStaffUser(db, user.id, admin)).enabled).toBe(true);
    });

    it("audits every change with the fields, and before and after for all but names", async () => {
      const user = await createStaffUser(db, { ...joe, wards: ["RXD01/ALD101"] }, admin);
      await updateStaffUser(db, user.id, { displayName: "Joseph Bloggs", wards: ["RXD01/BEE102"] }, admin);
      await updateStaffUser(db, user.id, { displayName: "Joseph Bloggs" }, admin);
      await disableStaffUser(db, user.id, admin);
      const { rows } = await db.query<{ action: string; user_id: string; username: string; detail: string }>(
        `SELECT action, user_id, username, detail FROM audit_event WHERE action = 'user.changed'
          ORDER BY recorded_at, occurred_at`,
      );
      expect(rows.map((row) => [row.action, row.user_id, row.username])).toEqual(
        Array(3).fill(["user.changed", admin.userId, admin.username]),
      );
      expect(rows.map((row) => JSON.parse(row.detail))).toEqual([
        {
          targetUserId: user.id,
          change: "created",
          fields: "username,displayName,roles,enabled,nonProdAllowed,wards,facilities",
          "before.roles": null,
          "after.roles": ["clinician"],
          "before.enabled": null,
          "after.enabled": true,
          "before.nonProdAllowed": null,
          "after.nonProdAllowed": false,
          "before.wards": null,
          "after.wards": ["RXD01/ALD101"],
          "before.facilities": null,
          "after.facilities": [],
        },
        {
          targetUserId: user.id,
          change: "updated",
          fields: "displayName,wards",
          "before.wards": ["RXD01/ALD101"],
          "after.wards": ["RXD01/BEE102"],
        },
        {
          targetUserId: user.id,
          change: "updated",
          fields: "enabled",
          "before.enabled": true,
          "after.enabled": false,
        },
      ]);
      // Names never: not the display name, not the username.
      const text = JSON.stringify(rows.map((row) => row.detail));
      for (const value of ["Joseph", "Joe", "jbloggs"]) expect(text).not.toContain(value);
    });

    const auditOf = async (action: string) => {
      const { rows } = await db.query<{ outcome: string; user_id: string; detail: string }>(
        "SELECT outcome, user_id, detail FROM audit_event WHERE action = $1 ORDER BY recorded_at",
        [action],
      );
      return rows.map((row) => ({
        outcome: row.outcome,
        userId: row.user_id,
        detail: JSON.parse(row.detail),
      }));
    };

    it("refuses an admin's change to their own roles or scope (403, audited); another admin may make it", async () => {
      const self = await createStaffUser(
        db,
        { username: "trust\\ada", displayName: "Ada", roles: ["admin"] },
        admin,
      );
      const asSelf = { userId: self.id, username: self.username };
      const patches: StaffUserPatchRaw[] = [
        { roles: ["admin", "clinician"] },
        { wards: ["RXD01/ALD101"] },
        { facilities: ["RXD01"], displayName: "Ada L" },
      ];
      for (const patch of patches) {
        await expect(updateStaffUser(db, self.id, patch, asSelf)).rejects.toMatchObject({
          code: "forbidden",
          message: expect.stringMatching(/another admin/),
        });
      }
      expect(await getStaffUser(db, self.id)).toEqual(self);
      expect(await auditOf("user.change-refused")).toEqual([
        {
          outcome: "refused",
          userId: self.id,
          detail: { targetUserId: self.id, reason: "self-change", fields: "roles", source: "api" },
        },
        {
          outcome: "refused",
          userId: self.id,
          detail: { targetUserId: self.id, reason: "self-change", fields: "wards", source: "api" },
        },
        {
          outcome: "refused",
          userId: self.id,
          detail: { targetUserId: self.id, reason: "self-change", fields: "facilities", source: "api" },
        },
      ]);
      // Their own display name is theirs to change; their roles are someone else's to change.
      expect((await updateStaffUser(db, self.id, { displayName: "Ada Lovelace" }, asSelf)).displayName).toBe(
        "Ada Lovelace",
      );
      const granted = await updateStaffUser(db, self.id, { roles: ["admin", "clinician"] }, admin);
      expect(granted.roles).toEqual(["clinician", "admin"]);
    });

    it("flags every grant of a clinical role for IG, on creation and on update", async () => {
      const user = await createStaffUser(db, { ...joe, roles: ["admin"] }, admin);
      expect(await auditOf("user.clinical-role-granted")).toEqual([]);
      await updateStaffUser(db, user.id, { roles: ["admin", "ig-auditor"] }, admin);
      await updateStaffUser(db, user.id, { roles: ["admin", "clinician", "ward-clerk"] }, admin);
      await updateStaffUser(db, user.id, { wards: ["RXD01/ALD101"] }, admin);
      const clerk = await createStaffUser(
        db,
        { ...joe, username: "trust\\clerk", roles: ["ward-clerk"] },
        admin,
      );
      expect(await auditOf("user.clinical-role-granted")).toEqual([
        {
          outcome: "success",
          userId: admin.userId,
          detail: { targetUserId: user.id, roles: "clinician,ward-clerk", change: "updated" },
        },
        {
          outcome: "success",
          userId: admin.userId,
          detail: { targetUserId: clerk.id, roles: "ward-clerk", change: "created" },
        },
      ]);
    });

    it("lists users a page at a time and searches username and display name", async () => {
      for (const name of ["adams", "baker", "clark", "davis", "evans"]) {
        await createStaffUser(
          db,
          { ...joe, username: `trust\\${name}`, displayName: `Pat ${name.toUpperCase()}` },
          admin,
        );
      }
      const first = await listStaffUsers(db, { limit: 2 });
      expect(first.users.map((user) => user.username)).toEqual(["trust\\adams", "trust\\baker"]);
      const second = await listStaffUsers(db, { limit: 2, cursor: first.nextCursor });
      expect(second.users.map((user) => user.username)).toEqual(["trust\\clark", "trust\\davis"]);
      const last = await listStaffUsers(db, { limit: 2, cursor: second.nextCursor });
      expect(last).toMatchObject({ users: [{ username: "trust\\evans" }], nextCursor: null });
      expect((await listStaffUsers(db, { search: "pat dav" })).users).toMatchObject([
        { username: "trust\\davis" },
      ]);
      expect((await listStaffUsers(db, { search: "TRUST\\CL" })).users).toMatchObject([
        { username: "trust\\clark" },
      ]);
      expect((await listStaffUsers(db, { search: "%" })).users).toEqual([]);
    });
  });
}
