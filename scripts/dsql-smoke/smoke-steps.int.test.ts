/**
 * The smoke test's steps, run offline on the local adapters: what `npm run dsql:smoke` does on a
 * real cluster must at least work on PGlite and PostgreSQL, and must refuse a database in use.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { createPgliteDatabase } from "@/lib/server/db/pglite";
import { reachableDatabases } from "@/test/databases.test-kit";
import { runSmoke, smokeSteps } from "./smoke-steps";

describe("smoke steps on an empty PGlite database", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createPgliteDatabase();
  }, 120_000);
  afterAll(() => db.close());

  it("migrates, seeds, ingests, signs in, reads the ward and purges, timing each step", async () => {
    const reported: string[] = [];
    const timings = await runSmoke(db, (timing) => reported.push(timing.name));
    expect(reported).toEqual(smokeSteps.map((step) => step.name));
    expect(Object.fromEntries(timings.map((timing) => [timing.name, timing.detail]))).toMatchObject({
      ingest: "5 of 5 applied",
      "sign-in": "session started",
      "read-ward": "2 patients",
      purge: "3 patients purged",
    });
    for (const timing of timings) expect(timing.ms).toBeGreaterThanOrEqual(0);
    const audits = await db.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE action IN ('sign-in', 'ward.view') ORDER BY action",
    );
    expect(audits.rows.map((row) => row.action)).toEqual(["sign-in", "ward.view"]);
  }, 120_000);
});

for (const target of await reachableDatabases()) {
  describe(`smoke steps on a database in use (${target.dialect})`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await db.query("INSERT INTO facility (code, name) VALUES ('RXD01', 'Riverside')");
    }, 120_000);
    afterAll(() => drop());

    it("refuses to go past the empty check, writing nothing", async () => {
      await expect(runSmoke(db)).rejects.toThrow(/empty database only/);
      expect((await db.query("SELECT 1 FROM facility WHERE code = 'SMOKE'")).rows).toEqual([]);
    });
  });
}
