/**
 * Fresh, migrated databases for the benchmark with the demo hospital and an integration key:
 * an embedded PGlite folder (served by the app itself) and a throwaway PostgreSQL database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DemoFacility } from "@/demo/generator/hospital";
import { createApiClient } from "@/lib/api-clients/api-clients";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { runMigrations } from "@/lib/server/db/migrate";
import { createPgliteDatabase } from "@/lib/server/db/pglite";
import { createPostgresDatabase } from "@/lib/server/db/postgres";
import { createScratchDatabase } from "@/test/scratch-postgres.test-kit";

export interface BenchTarget {
  name: "pglite" | "postgres";
  /** Environment for `next start` against this database. */
  serverEnv: Record<string, string>;
  apiKey: string;
  /** Opens the database in this process (PGlite: only while the app is not running). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

async function seed(db: Database, hospital: DemoFacility[]): Promise<string> {
  await runMigrations(db);
  await saveFacilities(db, hospital);
  const { key } = await createApiClient(db, {
    name: "Benchmark engine",
    facilityCodes: hospital.map((facility) => facility.code),
    rateLimitPerMinute: 1_000_000,
  });
  return key;
}

export async function pgliteTarget(hospital: DemoFacility[]): Promise<BenchTarget> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "downtime-bench-"));
  const db = await createPgliteDatabase(path.join(dataDir, "pglite"));
  const apiKey = await seed(db, hospital);
  await db.close();
  return {
    name: "pglite",
    apiKey,
    serverEnv: {
      APP_ENV: "local",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      DEMO_DATA: "false",
      STORAGE_KIND: "files",
    },
    open: () => createPgliteDatabase(path.join(dataDir, "pglite")),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function postgresTarget(serverUrl: string, hospital: DemoFacility[]): Promise<BenchTarget> {
  const scratch = await createScratchDatabase(serverUrl, "downtime_bench");
  const db = createPostgresDatabase(scratch.url, 4);
  const apiKey = await seed(db, hospital);
  await db.close();
  const dataDir = mkdtempSync(path.join(tmpdir(), "downtime-bench-"));
  return {
    name: "postgres",
    apiKey,
    serverEnv: {
      APP_ENV: "local",
      DATA_DIR: dataDir,
      DATABASE_URL: scratch.url,
      DEMO_DATA: "false",
      STORAGE_KIND: "files",
      DATABASE_POOL_MAX: "16",
    },
    open: async () => createPostgresDatabase(scratch.url, 16),
    dispose: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await scratch.drop();
    },
  };
}
