/**
 * The process-wide context: validated configuration, the database and the document store, made
 * once and kept on globalThis (Next.js may load this module more than once, in instrumentation
 * and in route bundles; an embedded PGlite must never be opened twice). Local start-up runs the
 * migrations and loads the demo hospital on an empty database.
 */
import "server-only";
import { runAuthHousekeeping } from "@/lib/auth/housekeeping";
import { countFacilities, saveFacilities } from "@/lib/census/facilities";
import { generateDemoHospital } from "@/lib/demo/hospital";
import { type Config, getConfig } from "@/lib/env";
import { authenticateApiKey } from "@/lib/ingest-auth/api-clients";
import { demoApiKeyPath, ensureDemoApiClient } from "@/lib/ingest-auth/demo-client";
import { startPurgeScheduler } from "@/lib/retention/purge-scheduler";
import { runPurge } from "@/lib/retention/run-purge";
import { createDatabase } from "./db/create-database";
import { runMigrations } from "./db/migrate";
import type { Database } from "./db/types";
import { ensureDemoIdentity } from "./demo/demo-identity";
import { defaultDemoCensus, hasAnyStay, loadDemoCensus } from "./demo/load-demo-census";
import { ingestContextFor } from "./ingest-context";
import { log } from "./log";
import { createDocumentStore } from "./storage/create-store";
import type { DocumentStore } from "./storage/types";

export interface AppContext {
  config: Config;
  db: Database;
  storage: DocumentStore;
}

const contextSlot = Symbol.for("downtime.app-context");
const storageSlot = Symbol.for("downtime.document-store");
type Holder = { [contextSlot]?: Promise<AppContext>; [storageSlot]?: Promise<DocumentStore> };
const holder = globalThis as Holder;

/** The document store alone (the health check must see it even while the database is down). */
export function getDocumentStore(): Promise<DocumentStore> {
  holder[storageSlot] ??= createDocumentStore(getConfig().storage);
  return holder[storageSlot];
}

/** Local and demo environments: the demo hospital, its integration client and its census. */
async function loadDemoData(context: AppContext): Promise<void> {
  const { config, db } = context;
  const hospital = generateDemoHospital();
  if ((await countFacilities(db)) === 0) {
    await saveFacilities(db, hospital);
    log.info("demo.hospital.loaded", { facilities: hospital.length });
  }
  const key = await ensureDemoApiClient(db, { dataDir: config.dataDir });
  const ingest = ingestContextFor(context);
  if (!(await hasAnyStay(ingest))) {
    const client = await authenticateApiKey(db, key);
    const result = await loadDemoCensus(ingest, client, hospital, {
      ...defaultDemoCensus,
      currentInpatients: config.demoInpatients,
    });
    log.info("demo.census.loaded", { ...result, seconds: Math.round(result.seconds * 10) / 10 });
  }
  log.info("demo.api_key", { file: demoApiKeyPath(config.dataDir) });
  await ensureDemoIdentity(db, config);
}

/** Local shape: purge on a timer in this process (deployed shapes schedule `npm run purge`'s code). */
function startInProcessPurge(context: AppContext) {
  const { tombstoneKey } = ingestContextFor(context);
  const intervalMs = context.config.purgeIntervalMinutes * 60_000;
  startPurgeScheduler({
    db: context.db,
    storage: context.storage,
    tombstoneKey,
    intervalMs,
    firstRunAfterMs: 30_000,
    // Housekeeping on the same timer: expired launcher token ids, day-old sign-in attempts.
    run: async (options) => {
      const summary = await runPurge(options);
      await runAuthHousekeeping(options.db, options.now);
      return summary;
    },
  });
}

async function build(config: Config): Promise<AppContext> {
  const db = await createDatabase(config.database);
  try {
    if (config.migrateOnStart) {
      const ran = await runMigrations(db);
      if (ran.length > 0) log.info("migrations.applied", { count: ran.length, last: ran.at(-1) });
    }
    const storage = await getDocumentStore();
    const context = { config, db, storage };
    if (config.demoData) await loadDemoData(context);
    if (config.purgeIntervalMinutes > 0) startInProcessPurge(context);
    return context;
  } catch (error) {
    // Close before the next attempt opens it again (an embedded database allows one opener).
    await db.close().catch(() => {});
    throw error;
  }
}

/** The shared context; a failed start (database down) is not cached, so the next call retries. */
export function getAppContext(): Promise<AppContext> {
  if (!holder[contextSlot]) {
    holder[contextSlot] = build(getConfig()).catch((error: unknown) => {
      delete holder[contextSlot];
      throw error;
    });
  }
  return holder[contextSlot];
}
