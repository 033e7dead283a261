import { describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/types";
import { indexName, waitForValidIndex } from "./migrate";

describe("indexName", () => {
  it("reads the index a CREATE INDEX statement names, in every form the runner sends", () => {
    expect(indexName("CREATE INDEX IF NOT EXISTS stay_ward_idx ON stay (ward_id)")).toBe("stay_ward_idx");
    expect(
      indexName("CREATE UNIQUE INDEX ASYNC IF NOT EXISTS api_client_prefix ON api_client (key_prefix)"),
    ).toBe("api_client_prefix");
    expect(indexName('CREATE INDEX "quoted_idx" ON t (a)')).toBe("quoted_idx");
    expect(indexName("CREATE TABLE IF NOT EXISTS t (a int)")).toBeNull();
  });
});

describe("waitForValidIndex", () => {
  it("waits while an earlier run's index build is still in progress (DSQL shows it invalid)", async () => {
    const answers = [false, false, true];
    const query = vi.fn(async () => ({ rows: [{ valid: answers.shift() }], rowCount: 1 }));
    const db = { dialect: "dsql", query } as unknown as Database;
    const sleep = vi.fn(async () => {});
    await waitForValidIndex(db, "stay_ward_idx", { sleep });
    expect(query).toHaveBeenCalledTimes(3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it("gives up with a clear message when the build takes too long", async () => {
    const query = vi.fn(async () => ({ rows: [{ valid: false }], rowCount: 1 }));
    const db = { dialect: "dsql", query } as unknown as Database;
    await expect(waitForValidIndex(db, "big_idx", { sleep: async () => {}, waitSeconds: 0 })).rejects.toThrow(
      /still being built/,
    );
  });
});
