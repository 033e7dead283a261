import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import type { DocumentStore } from "@/lib/storage/types";
import { checkHealth } from "./check-health";

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
});
