/**
 * Health of the data plane, for /api/health and the health page: each dependency up or down with
 * its latency. Carries no secrets (no URLs, bucket names or keys) and no patient data.
 */
import "server-only";
import type { Database } from "@/lib/db/types";
import type { AppEnvironment } from "@/lib/env";
import type { DocumentStore } from "@/lib/storage/types";

export interface ComponentHealth {
  status: "up" | "down";
  kind: string;
  latencyMs: number;
  detail?: string;
}

export interface HealthReport {
  status: "ok" | "degraded";
  environment: AppEnvironment;
  checkedAt: string;
  database: ComponentHealth;
  storage: ComponentHealth;
}

async function probe(
  kind: string,
  check: () => Promise<string | undefined>,
  timeoutMs: number,
): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
    });
    const detail = await Promise.race([check(), timeout]);
    return {
      status: "up",
      kind,
      latencyMs: Math.round(performance.now() - started),
      ...(detail ? { detail } : {}),
    };
  } catch (error) {
    const reason = error instanceof Error && error.message === "timed out" ? "timed out" : "unreachable";
    return { status: "down", kind, latencyMs: Math.round(performance.now() - started), detail: reason };
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthDependencies {
  environment: AppEnvironment;
  database: () => Promise<Database>;
  storage: () => Promise<DocumentStore>;
  databaseKind: string;
  storageKind: string;
  /** Extra check for managed databases (Aurora DSQL cluster status); returns a detail line. */
  clusterStatus?: () => Promise<string>;
  timeoutMs?: number;
  now?: () => Date;
}

export async function checkHealth(deps: HealthDependencies): Promise<HealthReport> {
  const timeoutMs = deps.timeoutMs ?? 3_000;
  const [database, storage] = await Promise.all([
    probe(
      deps.databaseKind,
      async () => {
        await (await deps.database()).ping();
        return deps.clusterStatus ? await deps.clusterStatus() : undefined;
      },
      timeoutMs,
    ),
    probe(
      deps.storageKind,
      async () => {
        await (await deps.storage()).ping();
        return undefined;
      },
      timeoutMs,
    ),
  ]);
  return {
    status: database.status === "up" && storage.status === "up" ? "ok" : "degraded",
    environment: deps.environment,
    checkedAt: (deps.now?.() ?? new Date()).toISOString(),
    database,
    storage,
  };
}
