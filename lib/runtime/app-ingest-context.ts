/** The ingest services' context from the running app's configuration, database and store. */
import "server-only";
import type { Config } from "@/lib/env";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import type { AppContext } from "./app-context";

/** The key purge tombstones are hashed with: ingest and every purge run must use the same one. */
export function tombstoneKeyFor(config: Pick<Config, "dataEncryptionKey">): string {
  // Deployed environments always have DATA_ENCRYPTION_KEY (env.ts); local demo data may use a fixed key.
  return config.dataEncryptionKey ?? "downtime-local-tombstone-key";
}

export function ingestContextFor({ config, db, storage }: AppContext): IngestContext {
  return {
    db,
    storage,
    timeZone: config.timeZone,
    tombstoneKey: tombstoneKeyFor(config),
    now: () => new Date(),
  };
}
