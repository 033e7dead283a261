/** Picks the database adapter the configuration names. Domain code never knows which it got. */
import "server-only";
import type { Database } from "@/lib/db/types";
import type { DatabaseConfig } from "@/lib/env";

export async function createDatabase(config: DatabaseConfig): Promise<Database> {
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
