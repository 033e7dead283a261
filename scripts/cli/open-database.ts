/**
 * What every operator CLI (api-key, device, purge) does first: read the configuration, refuse to
 * open an embedded database the running app holds, and open the database — with one clear line
 * for each way that fails.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "@/lib/db/types";
import { type Config, ConfigError, getConfig } from "@/lib/env";
import { createDatabase } from "@/lib/server/db/create-database";

/**
 * PGlite takes no lock on its folder: a second process opens it happily while the app has it
 * open, and two writers corrupt it. PGlite writes postmaster.pid while open and removes it on a
 * clean close, so its presence is the only sign we get (it is left behind if the app crashed).
 */
function embeddedDatabaseLooksOpen(config: Config): string | undefined {
  if (config.database.kind !== "embedded") return undefined;
  return existsSync(join(config.database.dataDir, "postmaster.pid")) ? config.database.dataDir : undefined;
}

export type OpenedDatabase = { ok: true; config: Config; db: Database } | { ok: false; exitCode: number };

export async function openCliDatabase(options: { force: boolean; command: string }): Promise<OpenedDatabase> {
  let config: Config;
  try {
    config = getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return { ok: false, exitCode: 1 };
  }
  const openFolder = embeddedDatabaseLooksOpen(config);
  if (openFolder && !options.force) {
    console.error(
      `The embedded database in ${openFolder} is in use by the running app. Stop the app first, then run ` +
        `\`${options.command}\` again. If the app is not running (it crashed), add --force.`,
    );
    return { ok: false, exitCode: 1 };
  }
  try {
    return { ok: true, config, db: await createDatabase(config.database) };
  } catch (error) {
    const hint = config.database.kind === "embedded" ? " If the app is running, stop it first." : "";
    console.error(`Could not open the ${config.database.kind} database: ${String(error)}.${hint}`);
    return { ok: false, exitCode: 1 };
  }
}
