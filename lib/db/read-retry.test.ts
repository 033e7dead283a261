import { describe, expect, it, vi } from "vitest";
import { withReadRetry } from "./read-retry";
import type { Database } from "./types";

const schemaChanged = () =>
  Object.assign(new Error("schema has been updated by another transaction, please retry: (OC001)"), {
    code: "40001",
  });

function flakyDatabase(failures: number) {
  let calls = 0;
  const query = vi.fn(async () => {
    calls++;
    if (calls <= failures) throw schemaChanged();
    return { rows: [{ ok: 1 }], rowCount: 1 };
  });
  const db: Database = {
    dialect: "dsql",
    query: query as Database["query"],
    transaction: async (work) => work({ query: query as Database["query"] }),
    ping: async () => {},
    close: async () => {},
  };
  return { db, query };
}

const noWait = { sleep: async () => {}, random: () => 0 };

describe("withReadRetry", () => {
  it("retries a read that a schema change interrupted", async () => {
    const { db, query } = flakyDatabase(2);
    const result = await withReadRetry(db, noWait).query("SELECT * FROM auth_session WHERE id = $1", ["s"]);
    expect(result.rows).toEqual([{ ok: 1 }]);
    expect(query).toHaveBeenCalledTimes(3);
  });

  it("gives up after a bounded number of attempts", async () => {
    const { db, query } = flakyDatabase(10);
    await expect(withReadRetry(db, noWait).query("SELECT 1")).rejects.toMatchObject({ code: "40001" });
    expect(query).toHaveBeenCalledTimes(4);
  });

  it("never retries a write outside a write transaction", async () => {
    const { db, query } = flakyDatabase(1);
    await expect(withReadRetry(db, noWait).query("UPDATE stay SET bed = '1'")).rejects.toMatchObject({
      code: "40001",
    });
    expect(query).toHaveBeenCalledTimes(1);
  });

  it("does not retry other errors", async () => {
    const query = vi.fn(async () => {
      throw Object.assign(new Error("relation does not exist"), { code: "42P01" });
    });
    const db = { ...flakyDatabase(0).db, query: query as Database["query"] };
    await expect(withReadRetry(db, noWait).query("SELECT 1")).rejects.toMatchObject({ code: "42P01" });
    expect(query).toHaveBeenCalledTimes(1);
  });
});
