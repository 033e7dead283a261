/**
 * The process-wide context: validated configuration, the database and the document store, made
 * once and kept on globalThis (Next.js may load this module more than once, in instrumentation
 * and in route bundles; an embedded PGlite must never be opened twice). Local start-up runs the
 * migrations and loads the demo hospital on an empty database.
 */
import "server-only";
import { runAuthHousekeeping } from "@/lib/auth/housekeeping";
import { finishPendingMerges } from "@/lib/census/patient-merge";
import type { Database } from "@/lib/db/types";
import { type Config, getConfig } from "@/lib/env";
import { pruneFeedHealth } from "@/lib/ingest/feed-health/prune-feed-health";
import { log } from "@/lib/log";
import { startPurgeScheduler } from "@/lib/retention/purge-scheduler";
import { inProcessPurgeScope } from "@/lib/retention/purge-scope";
import { runPurge } from "@/lib/retention/run-purge";
import { createDatabase } from "@/lib/server/db/create-database";
import { runMigrations } from "@/lib/server/db/migrate";
import { createDocumentStore } from "@/lib/server/storage/create-store";
import type { DocumentStore } from "@/lib/storage/types";
import { noteCensusWrite } from "@/lib/sync/change-token-cache";
import { ingestContextFor } from "./app-ingest-context";
import { startFeedSilenceTick } from "./feed-silence-monitor";

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

/** The demo hospital, only when DEMO_DATA is on: a dynamic import keeps it out of every route's bundle. */
async function loadDemoData(context: AppContext): Promise<void> {
  const { seedDemoData } = await import("@/demo/seed/seed-demo-data");
  await seedDemoData(context.config, ingestContextFor(context));
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
    // Locally, only the demo hospital this instance loaded (lib/retention/purge-scope.ts).
    scope: inProcessPurgeScope(context.config.appEnv),
    // Housekeeping on the same timer: spent launcher token ids, old sign-in attempts, sync ledger
    // rows, feed health older than 30 days, patient merges interrupted between batches.
    run: async (options) => {
      const summary = await runPurge(options);
      noteCensusWrite(); // purged stays leave the lists polled on this process at once
      await runAuthHousekeeping(options.db, options.now);
      await pruneFeedHealth(options.db, options.now);
      await finishPendingMerges(options.db);
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
    // The silence alarm logs its transitions even when no one opens the console or the health check.
    startFeedSilenceTick(db, config.feedSilenceMinutes);
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
