import { describe, expect, it } from "vitest";
import { BudgetedTransaction, isModifyingStatement } from "./transaction-budget";
import type { Queryable } from "./types";

describe("isModifyingStatement", () => {
  it("knows writes from reads, including data-modifying CTEs", () => {
    expect(isModifyingStatement("INSERT INTO t VALUES (1)")).toBe(true);
    expect(isModifyingStatement("  update t set a = 1")).toBe(true);
    expect(isModifyingStatement("DELETE FROM t")).toBe(true);
    expect(
      isModifyingStatement("WITH moved AS (UPDATE stay SET ward_id = $1 RETURNING id) SELECT * FROM moved"),
    ).toBe(true);
    expect(isModifyingStatement("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x")).toBe(true);
    expect(isModifyingStatement("SELECT * FROM t WHERE updated_at > $1")).toBe(false);
    expect(isModifyingStatement("WITH x AS (SELECT deleted_at FROM t) SELECT * FROM x")).toBe(false);
  });
});

describe("BudgetedTransaction", () => {
  const fake = (rowCount: number): Queryable => ({
    query: async <Row>() => ({ rows: [] as Row[], rowCount }),
  });

  it("adds up modified rows across statements and stops past the budget", async () => {
    const tx = new BudgetedTransaction(fake(40), { maxRows: 100, maxBytes: 1_000_000 });
    await tx.query("INSERT INTO t VALUES (1)");
    await tx.query("UPDATE t SET a = 1");
    expect(tx.rows).toBe(80);
    await expect(tx.query("DELETE FROM t")).rejects.toMatchObject({ code: "payload_too_large" });
  });

  it("ignores the row counts of reads", async () => {
    const tx = new BudgetedTransaction(fake(5_000), { maxRows: 100, maxBytes: 1_000_000 });
    await tx.query("SELECT * FROM t");
    expect(tx.rows).toBe(0);
  });

  it("counts parameter bytes in UTF-8", async () => {
    const tx = new BudgetedTransaction(fake(1), { maxRows: 100, maxBytes: 1_000 });
    await tx.query("INSERT INTO t VALUES ($1)", ["é".repeat(100)]);
    expect(tx.bytes).toBe(200);
    await expect(tx.query("INSERT INTO t VALUES ($1)", ["x".repeat(900)])).rejects.toMatchObject({
      code: "payload_too_large",
    });
  });
});
