/** The database contract, run against every adapter the machine can reach. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoHospital } from "@/demo/generator/hospital";
import { countFacilities, listFacilitiesWithWards, saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { reachableDatabases } from "@/test/databases.test-kit";
import { loadMigrations, runMigrations } from "./migrate";

for (const target of await reachableDatabases()) {
  describe(`database contract on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      ({ db, drop } = await target.create());
    });
    afterAll(() => drop());

    it("records every migration once and re-running applies nothing", async () => {
      const recorded = await db.query<{ id: string }>("SELECT id FROM schema_migration ORDER BY id");
      expect(recorded.rows.map((row) => row.id)).toEqual(loadMigrations().map((migration) => migration.id));
      expect(await runMigrations(db)).toEqual([]);
    });

    it("passes parameters and returns typed rows", async () => {
      const { rows } = await db.query<{ sum: number; label: string }>(
        "SELECT ($1::int + $2::int) AS sum, $3::text AS label",
        [2, 3, "ward"],
      );
      expect(rows).toEqual([{ sum: 5, label: "ward" }]);
    });

    it("commits a transaction's writes and rolls all of them back when it throws", async () => {
      await writeTransaction(db, async (tx) => {
        await tx.query("INSERT INTO facility (code, name) VALUES ('TX1', 'Committed')");
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO facility (code, name) VALUES ('TX2', 'Rolled back')");
          throw new Error("abort");
        }),
      ).rejects.toThrow("abort");
      const { rows } = await db.query<{ code: string }>(
        "SELECT code FROM facility WHERE code LIKE 'TX%' ORDER BY code",
      );
      expect(rows.map((row) => row.code)).toEqual(["TX1"]);
    });

    it("reports affected row counts", async () => {
      const result = await db.query("UPDATE facility SET name = name WHERE code = 'TX1'");
      expect(result.rowCount).toBe(1);
    });

    it("loads the demo hospital idempotently", async () => {
      const hospital = generateDemoHospital();
      await saveFacilities(db, hospital);
      await saveFacilities(db, hospital);
      const facilities = await listFacilitiesWithWards(db);
      const demo = facilities.filter((facility) => facility.code.startsWith("RXD"));
      expect(demo).toHaveLength(hospital.length);
      expect(demo.flatMap((facility) => facility.wards)).toHaveLength(
        hospital.flatMap((f) => f.wards).length,
      );
      expect(await countFacilities(db)).toBe(hospital.length + 1);
    });
  });
}
