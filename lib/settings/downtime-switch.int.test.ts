/** The downtime switch and BYOD policy, against every reachable database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRows, createUser } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { reachableDatabases } from "@/test/databases.test-kit";
import {
  byodPolicy,
  byodSignInAllowed,
  declareDowntime,
  downtimeStatus,
  endDowntime,
  setByodPolicy,
} from "./downtime-switch";

const now = new Date("2026-11-20T02:00:00Z");

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return undefined;
}

for (const target of await reachableDatabases()) {
  describe(`downtime switch on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
    });
    afterAll(() => drop());

    it("starts undeclared, with phones allowed only during downtime", async () => {
      expect(await downtimeStatus(db)).toEqual({ declared: false });
      expect(await byodPolicy(db)).toBe("during-downtime");
      expect(await byodSignInAllowed(db)).toBe(false);
    });

    it("lets only admins change anything", async () => {
      const nurse = await createUser(db, ["clinician", "ig-auditor"]);
      expect(await codeOf(declareDowntime(db, nurse.principal, { reason: "EPR outage" }))).toBe("forbidden");
      expect(await codeOf(endDowntime(db, nurse.principal))).toBe("forbidden");
      expect(await codeOf(setByodPolicy(db, nurse.principal, "always"))).toBe("forbidden");
      expect(await downtimeStatus(db)).toEqual({ declared: false });
      expect(await byodPolicy(db)).toBe("during-downtime");
    });

    it("declares and ends downtime, audited, and BYOD follows it", async () => {
      const admin = await createUser(db, ["admin"]);
      expect(await codeOf(declareDowntime(db, admin.principal, { reason: "  " }))).toBe("bad_request");
      await declareDowntime(db, admin.principal, { reason: " EPR unavailable (planned upgrade) ", now });
      expect(await downtimeStatus(db)).toEqual({
        declared: true,
        since: now,
        by: admin.principal.username,
        reason: "EPR unavailable (planned upgrade)",
      });
      expect(await byodSignInAllowed(db)).toBe(true);
      expect(await codeOf(declareDowntime(db, admin.principal, { reason: "again" }))).toBe("conflict");

      await endDowntime(db, admin.principal, { now: new Date("2026-11-20T06:00:00Z") });
      expect(await downtimeStatus(db)).toEqual({ declared: false });
      expect(await byodSignInAllowed(db)).toBe(false);
      expect(await codeOf(endDowntime(db, admin.principal))).toBe("conflict");

      expect(await auditRows(db, admin.principal.userId)).toMatchObject([
        { action: "downtime.declared", outcome: "success", reason: "EPR unavailable (planned upgrade)" },
        { action: "downtime.ended", outcome: "success" },
      ]);
    });

    it("sets the BYOD policy, audited with before and after", async () => {
      const admin = await createUser(db, ["admin"]);
      expect(await setByodPolicy(db, admin.principal, "always", { now })).toBe("always");
      expect(await byodPolicy(db)).toBe("always");
      expect(await byodSignInAllowed(db)).toBe(true);
      expect(await codeOf(setByodPolicy(db, admin.principal, "sometimes" as "always"))).toBe("bad_request");
      await setByodPolicy(db, admin.principal, "during-downtime", { now: new Date("2026-11-20T03:00:00Z") });
      expect(await byodSignInAllowed(db)).toBe(false);
      const rows = await auditRows(db, admin.principal.userId);
      expect(rows.map((row) => [row.action, JSON.parse(row.detail)])).toEqual([
        ["setting.changed", { key: "byod-policy", from: "during-downtime", to: "always" }],
        ["setting.changed", { key: "byod-policy", from: "always", to: "during-downtime" }],
      ]);
    });

    it("treats an unreadable stored value as the safe default", async () => {
      await db.query(
        `INSERT INTO app_setting (setting_key, setting_value) VALUES ('byod-policy', 'not json')
         ON CONFLICT (setting_key) DO UPDATE SET setting_value = EXCLUDED.setting_value`,
      );
      expect(await byodPolicy(db)).toBe("during-downtime");
    });
  });
}
