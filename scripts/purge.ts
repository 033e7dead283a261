// `npm run purge`: one purge run (lib/retention/run-purge.ts) against the configured database and
// document store, as the app would run it; prints the run's summary as JSON (counts and bytes,
// no patient identifiers). Safe to run while another app instance purges too, except with the
// embedded database, which only one process may open: stop the app first.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Config, ConfigError, getConfig } from "@/lib/env";
import { runPurge } from "@/lib/retention/run-purge";
import { createDatabase } from "@/lib/server/db/create-database";
import type { Database } from "@/lib/server/db/types";
import { createDocumentStore } from "@/lib/server/storage/create-store";

const usage = `Usage: npm run purge [-- --force]
  Purges patients past their facility's retention policy and prints a JSON summary.
Options:
  --force          open the embedded database even though it looks open in another process`;

const { values } = parseArgs({
  options: {
    force: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

/**
 * PGlite takes no lock on its folder (a second process opens it and two writers corrupt it), but
 * it writes postmaster.pid while open and removes it on a clean close: the only sign we get.
 */
function embeddedDatabaseLooksOpen(config: Config): string | undefined {
  if (config.database.kind !== "embedded") return undefined;
  return existsSync(join(config.database.dataDir, "postmaster.pid")) ? config.database.dataDir : undefined;
}

const stopTheApp = (folder: string) =>
  `The embedded database in ${folder} is in use by the running app. Stop the app first, then run ` +
  "`npm run purge` again.";

async function main(): Promise<number> {
  if (values.help) {
    console.error(usage);
    return 0;
  }
  let config: Config;
  try {
    config = getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  const openFolder = embeddedDatabaseLooksOpen(config);
  if (openFolder && !values.force) {
    console.error(`${stopTheApp(openFolder)} If the app is not running (it crashed), add --force.`);
    return 1;
  }
  let db: Database;
  try {
    db = await createDatabase(config.database);
  } catch (error) {
    if (config.database.kind === "embedded") console.error(stopTheApp(config.database.dataDir));
    console.error(`Could not open the ${config.database.kind} database: ${String(error)}`);
    return 1;
  }
  try {
    const storage = await createDocumentStore(config.storage);
    const summary = await runPurge({
      db,
      storage,
      // The key ingest uses for tombstones (lib/server/ingest-context.ts): they must match.
      tombstoneKey: config.dataEncryptionKey ?? "downtime-local-tombstone-key",
      now: new Date(),
    });
    console.log(JSON.stringify(summary, null, 2));
    return summary.failed > 0 ? 1 : 0;
  } catch (error) {
    if ((error as { code?: unknown }).code === "42P01") {
      console.error("The purge tables do not exist yet: run `npm run migrate` (or start the app once).");
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
