/**
 * Health of the data plane, for /api/health and the health page: each dependency up or down with
 * its latency, and the feed sources that have gone silent (docs/design.md section 8). Carries no
 * secrets (no URLs, bucket names or keys) and no patient data. `degraded` covers both; only a
 * dependency that is down makes the HTTP status 503 (`healthHttpStatus`): a silent feed is
 * reported with 200, so load balancers keep serving the copy staff still need.
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

export interface SilentFeed {
  /** API client name and sending application/facility, e.g. "Rhapsody PROD · PAS · RXD01". */
  source: string;
  silentSince: string;
  lastMessageAt: string | null;
  thresholdMinutes: number;
}

export interface FeedHealth {
  /** `unknown` when the feed could not be read (the database is down: reported above). */
  status: "ok" | "silent" | "unknown";
  silent: SilentFeed[];
}

export interface HealthReport {
  status: "ok" | "degraded";
  environment: AppEnvironment;
  checkedAt: string;
  database: ComponentHealth;
  storage: ComponentHealth;
  feeds?: FeedHealth;
}

/** 503 only when a dependency is down; a silent feed alone is degraded but served (200). */
export function healthHttpStatus(report: HealthReport): 200 | 503 {
  return report.database.status === "up" && report.storage.status === "up" ? 200 : 503;
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
  /** The silent feed sources (lib/runtime/feed-silence.ts); absent: not reported. */
  silentFeeds?: () => Promise<SilentFeed[]>;
  timeoutMs?: number;
  now?: () => Date;
}

export async function checkHealth(deps: HealthDependencies): Promise<HealthReport> {
  const timeoutMs = deps.timeoutMs ?? 3_000;
  const [database, storage, feeds] = await Promise.all([
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
    deps.silentFeeds ? feedHealth(deps.silentFeeds, timeoutMs) : undefined,
  ]);
  const componentsUp = database.status === "up" && storage.status === "up";
  return {
    status: componentsUp && feeds?.status !== "silent" ? "ok" : "degraded",
    environment: deps.environment,
    checkedAt: (deps.now?.() ?? new Date()).toISOString(),
    database,
    storage,
    ...(feeds ? { feeds } : {}),
  };
}

async function feedHealth(silentFeeds: () => Promise<SilentFeed[]>, timeoutMs: number): Promise<FeedHealth> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
    });
    const silent = await Promise.race([silentFeeds(), timeout]);
    return { status: silent.length > 0 ? "silent" : "ok", silent };
  } catch {
    return { status: "unknown", silent: [] };
  } finally {
    clearTimeout(timer);
  }
}
