/** Picks the database adapter the configuration names. Domain code never knows which it got. */
import "server-only";
import { withReadRetry } from "@/lib/db/read-retry";
import type { Database } from "@/lib/db/types";
import type { DatabaseConfig } from "@/lib/env";

/** The adapter for `config`, with reads retried across schema changes (lib/db/read-retry.ts). */
export async function createDatabase(config: DatabaseConfig): Promise<Database> {
  return withReadRetry(await createAdapter(config));
}

async function createAdapter(config: DatabaseConfig): Promise<Database> {
  switch (config.kind) {
    case "embedded": {
      const { createPgliteDatabase } = await import("./pglite");
      return createPgliteDatabase(config.dataDir);
    }
    case "postgres": {
      const { createPostgresDatabase } = await import("./postgres");
      return createPostgresDatabase(config.url, config.poolMax);
    }
    case "dsql": {
      const { createDsqlDatabase } = await import("./dsql");
      return createDsqlDatabase(config);
    }
  }
}
