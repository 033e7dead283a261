/** Wires `checkHealth` to the process's configuration and context. */
import "server-only";
import { getConfig } from "@/lib/env";
import { getAppContext, getDocumentStore } from "@/lib/server/app-context";
import { checkHealth, type HealthReport } from "./check-health";
import { dsqlClusterStatus } from "./dsql-cluster-status";

export async function currentHealth(): Promise<HealthReport> {
  const config = getConfig();
  const { database } = config;
  return checkHealth({
    environment: config.appEnv,
    databaseKind: database.kind,
    storageKind: config.storage.kind,
    database: async () => (await getAppContext()).db,
    storage: getDocumentStore,
    clusterStatus:
      database.kind === "dsql" ? () => dsqlClusterStatus(database.endpoint, database.region) : undefined,
  });
}
