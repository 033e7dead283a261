import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import type { DocumentStore } from "@/lib/storage/types";
import { checkHealth, healthHttpStatus } from "./check-health";

const workingDb = { ping: async () => {} } as unknown as Database;
const workingStore = { ping: async () => {} } as unknown as DocumentStore;
const now = () => new Date("2026-11-23T10:00:00Z");

describe("checkHealth", () => {
  it("is ok when both dependencies answer", async () => {
    const report = await checkHealth({
      environment: "local",
      databaseKind: "embedded",
      storageKind: "files",
      database: async () => workingDb,
      storage: async () => workingStore,
      now,
    });
    expect(report).toMatchObject({
      status: "ok",
      checkedAt: "2026-11-23T10:00:00.000Z",
      database: { status: "up", kind: "embedded" },
      storage: { status: "up", kind: "files" },
    });
  });

  it("is degraded, without leaking the error text, when the database is down", async () => {
    const report = await checkHealth({
      environment: "cert",
      databaseKind: "postgres",
      storageKind: "s3",
      database: async () => {
        throw new Error("connect ECONNREFUSED postgres://secret@db.internal:5432");
      },
      storage: async () => workingStore,
    });
    expect(report.status).toBe("degraded");
    expect(report.database).toMatchObject({ status: "down", detail: "unreachable" });
    expect(report.storage.status).toBe("up");
    expect(JSON.stringify(report)).not.toContain("secret");
  });

  it("times out a dependency that hangs", async () => {
    const report = await checkHealth({
      environment: "local",
      databaseKind: "embedded",
      storageKind: "s3",
      database: async () => workingDb,
      storage: async () => ({ ping: () => new Promise<void>(() => {}) }) as unknown as DocumentStore,
      timeoutMs: 50,
    });
    expect(report.status).toBe("degraded");
    expect(report.storage).toMatchObject({ status: "down", detail: "timed out" });
  });

  it("includes the DSQL cluster status and fails when the cluster is not active", async () => {
    const base = {
      environment: "prod" as const,
      databaseKind: "dsql",
      storageKind: "s3",
      database: async () => workingDb,
      storage: async () => workingStore,
    };
    const active = await checkHealth({ ...base, clusterStatus: async () => "cluster ACTIVE" });
    expect(active.database.detail).toBe("cluster ACTIVE");
    const failed = await checkHealth({
      ...base,
      clusterStatus: async () => {
        throw new Error("cluster FAILED");
      },
    });
    expect(failed.database.status).toBe("down");
  });

  it("is degraded but served (200) when a feed is silent, naming the source", async () => {
    const report = await checkHealth({
      environment: "prod",
      databaseKind: "dsql",
      storageKind: "s3",
      database: async () => workingDb,
      storage: async () => workingStore,
      silentFeeds: async () => [
        {
          source: "Rhapsody PROD · PAS · RXD01",
          silentSince: "2026-11-23T09:45:00.000Z",
          lastMessageAt: "2026-11-23T09:30:00.000Z",
          thresholdMinutes: 15,
        },
      ],
    });
    expect(report.status).toBe("degraded");
    expect(report.feeds).toEqual({
      status: "silent",
      silent: [expect.objectContaining({ source: "Rhapsody PROD · PAS · RXD01" })],
    });
    expect(healthHttpStatus(report)).toBe(200);
  });

  it("is ok with no silent feed, 503 only when a dependency is down, unknown feeds when they cannot be read", async () => {
    const quiet = await checkHealth({
      environment: "local",
      databaseKind: "embedded",
      storageKind: "files",
      database: async () => workingDb,
      storage: async () => workingStore,
      silentFeeds: async () => [],
    });
    expect(quiet).toMatchObject({ status: "ok", feeds: { status: "ok", silent: [] } });
    expect(healthHttpStatus(quiet)).toBe(200);
    const down = await checkHealth({
      environment: "local",
      databaseKind: "embedded",
      storageKind: "files",
      database: async () => {
        throw new Error("down");
      },
      storage: async () => workingStore,
      silentFeeds: async () => {
        throw new Error("down");
      },
    });
    expect(down).toMatchObject({ status: "degraded", feeds: { status: "unknown", silent: [] } });
    expect(healthHttpStatus(down)).toBe(503);
  });
});
