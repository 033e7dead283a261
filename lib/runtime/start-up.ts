/** Server start-up: fail fast on configuration, prepare the data plane, report what is running. */
import "server-only";
import { ConfigError, getConfig } from "@/lib/env";
import { log, safeError } from "@/lib/log";
import { getAppContext } from "./app-context";

export async function startUp(): Promise<void> {
  let config: ReturnType<typeof getConfig>;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  try {
    await getAppContext();
    log.info("server.ready", {
      environment: config.appEnv,
      database: config.database.kind,
      storage: config.storage.kind,
    });
  } catch (error) {
    // A database that is down at start-up is not fatal: the health endpoint reports 503 and the
    // next request tries again.
    log.error("server.start.degraded", safeError(error));
  }
}
