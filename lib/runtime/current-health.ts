/** Wires `checkHealth` to the process's configuration and context. */
import "server-only";
import { getConfig } from "@/lib/env";
import { checkHealth, type HealthReport } from "@/lib/health/check-health";
import { getAppContext, getDocumentStore } from "@/lib/runtime/app-context";
import { currentFeedSilence } from "@/lib/runtime/current-feed-silence";
import { dsqlClusterStatus } from "@/lib/server/db/dsql-cluster-status";

export async function currentHealth(): Promise<HealthReport> {
  const config = getConfig();
  const { database } = config;
  return checkHealth({
    environment: config.appEnv,
    databaseKind: database.kind,
    storageKind: config.storage.kind,
    database: async () => (await getAppContext()).db,
    storage: getDocumentStore,
    silentFeeds: async () =>
      (await currentFeedSilence()).map((silent) => ({
        source: silent.label,
        silentSince: silent.silentSince.toISOString(),
        lastMessageAt: silent.lastMessageAt?.toISOString() ?? null,
        thresholdMinutes: silent.thresholdMinutes,
      })),
    clusterStatus:
      database.kind === "dsql" ? () => dsqlClusterStatus(database.endpoint, database.region) : undefined,
  });
}
