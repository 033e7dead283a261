/** Demo users against every reachable database adapter. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoHospital } from "@/demo/generator/hospital";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { ensureDemoUsers } from "./demo-users";

for (const target of await reachableDatabases()) {
  describe(`ensureDemoUsers on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
    });
    afterAll(() => drop());

    it("needs the demo hospital first", async () => {
      await expect(ensureDemoUsers(db)).rejects.toMatchObject({ code: "unprocessable" });
    });

    it("creates one user per role once, then returns the same users", async () => {
      await saveFacilities(db, generateDemoHospital());
      const first = await ensureDemoUsers(db);
      expect(first.map(({ user, created }) => [user.username, user.roles, created])).toEqual([
        ["demo\\clinician", ["clinician"], true],
        ["demo\\clerk", ["ward-clerk"], true],
        ["demo\\admin", ["admin"], true],
        ["demo\\auditor", ["ig-auditor"], true],
      ]);
      expect(first.every(({ user }) => user.nonProdAllowed && user.enabled)).toBe(true);
      expect(first[0]?.user.wards.map((ward) => `${ward.facilityCode}/${ward.code}`)).toEqual([
        "RXD01/ALD101",
        "RXD01/BEE102",
      ]);
      expect(first[1]?.user.facilities.map((facility) => facility.code)).toEqual(["RXD02"]);

      const second = await ensureDemoUsers(db);
      expect(second.map(({ created }) => created)).toEqual([false, false, false, false]);
      expect(second.map(({ user }) => user)).toEqual(first.map(({ user }) => user));
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM staff_user");
      expect(rows[0]!.n).toBe(4);
    });
  });
}
