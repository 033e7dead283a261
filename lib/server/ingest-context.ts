/** The ingest services' context from the running app's configuration, database and store. */
import "server-only";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { type AppContext, getAppContext } from "./app-context";

export async function ingestContextFromApp(): Promise<IngestContext> {
  return ingestContextFor(await getAppContext());
}

export function ingestContextFor({ config, db, storage }: AppContext): IngestContext {
  return {
    db,
    storage,
    timeZone: config.timeZone,
    // Deployed environments always have DATA_ENCRYPTION_KEY (env.ts); local demo data may use a fixed key.
    tombstoneKey: config.dataEncryptionKey ?? "downtime-local-tombstone-key",
    now: () => new Date(),
  };
}
