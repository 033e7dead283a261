/**
 * Two migration runners at once (two cold starts, a deploy beside a running task): the lock row
 * lets one apply while the other waits, so a data migration runs exactly once, on both adapters.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { postgresReachable, postgresServerUrl } from "@/test/databases.test-kit";
import { createScratchDatabase } from "@/test/scratch-postgres.test-kit";
import { type Migration, runMigrations } from "./migrate";
import { createPgliteDatabase } from "./pglite";
import { createPostgresDatabase } from "./postgres";

const migrations: Migration[] = [
  {
    id: "0001",
    name: "0001_counter",
    sql: "CREATE TABLE IF NOT EXISTS counter (id text PRIMARY KEY, n integer NOT NULL);",
  },
  { id: "0002", name: "0002_seed", sql: "INSERT INTO counter (id, n) VALUES ('runs', 0);" },
  { id: "0003", name: "0003_bump", sql: "UPDATE counter SET n = n + 1 WHERE id = 'runs';" },
];

const targets: { name: string; open: () => Promise<{ db: Database; drop: () => Promise<void> }> }[] = [
  {
    name: "pglite",
    open: async () => {
      const db = await createPgliteDatabase();
      return { db, drop: () => db.close() };
    },
  },
];
if (await postgresReachable()) {
  targets.push({
    name: "postgres",
    open: async () => {
      const scratch = await createScratchDatabase(postgresServerUrl, "downtime_lock");
      const db = createPostgresDatabase(scratch.url, 6);
      return {
        db,
        drop: async () => {
          await db.close();
          await scratch.drop();
        },
      };
    },
  });
}

for (const target of targets) {
  describe(`migration runners on ${target.name}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of ["counter", "schema_migration", "schema_migration_lock"])
        await db.query(`DROP TABLE IF EXISTS ${table}`);
    });

    const fastWait = {
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20))),
    };

    it("applies each migration once when two runners start together", async () => {
      const [first, second] = await Promise.all([
        runMigrations(db, migrations, { ...fastWait, holder: "runner-a" }),
        runMigrations(db, migrations, { ...fastWait, holder: "runner-b" }),
      ]);
      expect([...first, ...second].sort()).toEqual(migrations.map((migration) => migration.name));
      const { rows } = await db.query<{ n: number }>("SELECT n FROM counter WHERE id = 'runs'");
      expect(rows[0]?.n).toBe(1);
      expect((await db.query("SELECT 1 FROM schema_migration_lock")).rows).toHaveLength(0);
    });

    it("waits while another runner's lease is live, and takes over an expired one", async () => {
      await runMigrations(db, migrations.slice(0, 1), { holder: "setup" });
      await db.query(
        "INSERT INTO schema_migration_lock (id, holder, expires_at) VALUES ('migrations', 'crashed', now() + interval '1 hour')",
      );
      await expect(
        runMigrations(db, migrations, { ...fastWait, holder: "late", waitSeconds: 0.2 }),
      ).rejects.toThrow(/holds the lock/);
      expect((await db.query("SELECT 1 FROM counter")).rows).toHaveLength(0);

      await db.query("UPDATE schema_migration_lock SET expires_at = now() - interval '1 second'");
      expect(await runMigrations(db, migrations, { ...fastWait, holder: "late" })).toEqual([
        "0002_seed",
        "0003_bump",
      ]);
    });
  });
}
