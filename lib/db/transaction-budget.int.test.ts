/**
 * The DSQL transaction budget on every adapter: a write transaction that would modify more rows
 * (or bytes) than Aurora DSQL accepts fails here too, and leaves nothing written.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reachableDatabases } from "@/test/databases.test-kit";
import type { Database } from "./types";
import { writeTransaction } from "./write-transaction";

for (const target of await reachableDatabases()) {
  describe(`transaction budget on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await db.query("CREATE TABLE IF NOT EXISTS budget_probe (n integer NOT NULL, note text)");
    });
    afterAll(() => drop());
    beforeEach(async () => {
      await db.query("DELETE FROM budget_probe");
    });

    const insertRows = (count: number, first = 0) =>
      `INSERT INTO budget_probe (n) SELECT g FROM generate_series(${first}, ${first + count - 1}) AS g`;

    it("lets a transaction modify up to the budget", async () => {
      await writeTransaction(db, async (tx) => {
        await tx.query(insertRows(1_000));
        await tx.query("UPDATE budget_probe SET note = 'x' WHERE n < 1000");
      });
      expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM budget_probe")).rows[0]?.n).toBe(
        1_000,
      );
    });

    it("refuses one that modifies more rows than DSQL allows, and rolls it back", async () => {
      const attempt = writeTransaction(db, async (tx) => {
        for (let part = 0; part < 4; part++) await tx.query(insertRows(1_000, part * 1_000));
      });
      await expect(attempt).rejects.toMatchObject({ code: "payload_too_large" });
      expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM budget_probe")).rows[0]?.n).toBe(
        0,
      );
    });

    it("refuses one that writes more bytes than DSQL allows, before sending them", async () => {
      const big = "x".repeat(3 * 1024 * 1024);
      const attempt = writeTransaction(db, async (tx) => {
        for (let part = 0; part < 3; part++)
          await tx.query("INSERT INTO budget_probe (n, note) VALUES ($1, $2)", [part, big]);
      });
      await expect(attempt).rejects.toMatchObject({ code: "payload_too_large" });
      expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM budget_probe")).rows[0]?.n).toBe(
        0,
      );
    });

    it("does not count reads", async () => {
      await db.query(insertRows(2_000));
      await writeTransaction(db, async (tx) => {
        for (let read = 0; read < 3; read++) await tx.query("SELECT n FROM budget_probe");
        await tx.query("INSERT INTO budget_probe (n) VALUES (-1)");
      });
    });
  });
}
