/** The demo mark on facilities, and the seed staying out of a database an operator configured. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateDemoHospital } from "@/demo/generator/hospital";
import { saveFacilities } from "@/lib/census/facilities";
import { createFacility } from "@/lib/census/facility-admin";
import type { Database } from "@/lib/db/types";
import type { Config } from "@/lib/env";
import { reachableDatabases } from "@/test/databases.test-kit";
import { demoApiClientName } from "./demo-api-client";
import { demoFacilityCodes, markLegacyDemoFacilities } from "./demo-facilities";
import { seedDemoData } from "./seed-demo-data";

const hospital = generateDemoHospital();
const operator = { username: "cli:operator", method: "system" as const };

/** The demo hospital as the seed left it before migration 0024: no mark, and the demo client. */
async function legacyDemoDatabase(db: Database, withClient = true) {
  await saveFacilities(db, hospital);
  await db.query("UPDATE facility SET loaded_as_demo = NULL");
  if (withClient) {
    await db.query(
      `INSERT INTO api_client (name, key_prefix, key_hash, facility_codes, rate_limit_per_minute)
       VALUES ($1, 'legacy01', 'x', '["RXD01"]', 6000)`,
      [demoApiClientName],
    );
  }
}

for (const target of await reachableDatabases()) {
  describe(`demo facilities on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeEach(async () => {
      ({ db, drop } = await target.create());
    });
    afterEach(() => drop());

    it("marks a demo hospital seeded before the mark existed, once", async () => {
      await legacyDemoDatabase(db);
      expect(await demoFacilityCodes(db)).toEqual([]);
      expect(await markLegacyDemoFacilities(db, hospital)).toBe(3);
      expect(await demoFacilityCodes(db)).toEqual(["RXD01", "RXD02", "RXD03"]);
      expect(await markLegacyDemoFacilities(db, hospital)).toBe(0);
    });

    it("marks nothing when an operator's facility is there too, or the demo client never was", async () => {
      await legacyDemoDatabase(db, false);
      expect(await markLegacyDemoFacilities(db, hospital)).toBe(0);
      await db.query(
        `INSERT INTO api_client (name, key_prefix, key_hash, facility_codes, rate_limit_per_minute)
         VALUES ($1, 'legacy02', 'x', '["RXD01"]', 6000)`,
        [demoApiClientName],
      );
      await db.query("INSERT INTO facility (code, name) VALUES ('OWN01', 'Created by SQL')");
      expect(await markLegacyDemoFacilities(db, hospital)).toBe(0);
      expect(await demoFacilityCodes(db)).toEqual([]);
    });

    it("with DEMO_DATA on, adds nothing to a database whose facilities an operator created", async () => {
      await createFacility(db, { code: "OWN01", name: "Hillside Hospital" }, operator);
      const config = { dataDir: "/nonexistent", demoInpatients: 5 } as Config;
      const ingest = {
        db,
        storage: undefined as never,
        timeZone: "Europe/London",
        tombstoneKey: "k",
        now: () => new Date(),
      };
      await seedDemoData(config, ingest);
      const counts = await db.query<{ facilities: number; clients: number; patients: number; users: number }>(
        `SELECT (SELECT count(*)::int FROM facility) AS facilities, (SELECT count(*)::int FROM api_client) AS clients,
                (SELECT count(*)::int FROM patient) AS patients, (SELECT count(*)::int FROM staff_user) AS users`,
      );
      expect(counts.rows[0]).toEqual({ facilities: 1, clients: 0, patients: 0, users: 0 });
    });
  });
}
