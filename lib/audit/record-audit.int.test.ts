/** Writing many audit events at once stays inside Aurora DSQL's transaction limit, on every adapter. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { reachableDatabases } from "@/test/databases.test-kit";
import {
  type AuditEventInput,
  auditRowsPerStatement,
  recordAudit,
  recordAuditInSlices,
  recordAuditNow,
} from "./record-audit";

const opens = (count: number): AuditEventInput[] =>
  Array.from({ length: count }, () => ({
    action: "document.open",
    outcome: "success",
    method: "launcher",
    detail: { via: "print-pack" },
  }));

for (const target of await reachableDatabases()) {
  describe(`recording many audit events on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
    });
    afterAll(() => drop());

    const count = async () =>
      (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event")).rows[0]!.n;

    it("would pass the budget in one transaction", async () => {
      const before = await count();
      await expect(writeTransaction(db, (tx) => recordAudit(tx, opens(2_600)))).rejects.toMatchObject({
        code: "payload_too_large",
      });
      expect(await count()).toBe(before);
    });

    it("writes one request's rows in one statement, without a transaction around it", async () => {
      const before = await count();
      const statements: string[] = [];
      const watched = {
        dialect: db.dialect,
        ping: () => db.ping(),
        close: () => db.close(),
        query: (sql: string, params?: unknown[]) => {
          statements.push(sql);
          return db.query(sql, params);
        },
        transaction: (...args: Parameters<Database["transaction"]>) => {
          statements.push("BEGIN");
          return db.transaction(...args);
        },
      } as Database;
      expect(await recordAuditNow(watched, opens(auditRowsPerStatement))).toBe(auditRowsPerStatement);
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/^INSERT INTO audit_event/);
      expect(await count()).toBe(before + auditRowsPerStatement);
    });

    it("records them all in slices that each fit", async () => {
      const before = await count();
      expect(await recordAuditInSlices(db, opens(2_600))).toBe(2_600);
      expect(await count()).toBe(before + 2_600);
    }, 120_000);
  });
}
