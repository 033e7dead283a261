/** App-computed backfills run by the migration runner: once, after their migration, re-run if they fail. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { backfills } from "./backfills";
import { runMigrations } from "./migrate";

for (const target of await reachableDatabases()) {
  describe(`migration backfills on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
    });
    afterAll(() => drop());

    const done = async () =>
      (await db.query<{ id: string }>("SELECT id FROM schema_backfill ORDER BY id")).rows.map(
        (row) => row.id,
      );

    it("records each backfill once it has run", async () => {
      expect(await done()).toEqual(backfills.map((backfill) => backfill.id).sort());
    });

    it("runs an unfinished backfill on the next run, and leaves a failed one to run again", async () => {
      await db.query("INSERT INTO facility (code, name) VALUES ('BF1', 'Backfill')");
      await db.query(
        `INSERT INTO patient (facility_id, mrn, family_name, demographics_at)
         SELECT id, 'BF-1', 'ÅSTRÖM', now() FROM facility WHERE code = 'BF1'`,
      );
      const failing = [
        { id: "always_fails", after: "0037_patient_name_keys", run: () => Promise.reject(new Error("x")) },
      ];
      await expect(runMigrations(db, undefined, { backfills: failing })).rejects.toThrow("x");
      expect(await done()).not.toContain("always_fails");
      await db.query("DELETE FROM schema_backfill WHERE id = 'patient_name_keys'");
      expect(await runMigrations(db)).toEqual([]);
      const { rows } = await db.query<{ key: string }>(
        "SELECT family_name_key AS key FROM patient WHERE mrn = 'BF-1'",
      );
      expect(rows[0]?.key).toBe("astrom");
      expect(await done()).toContain("patient_name_keys");
    });
  });
}
