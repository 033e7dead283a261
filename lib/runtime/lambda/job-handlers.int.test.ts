/**
 * The Lambda entry points of the scheduled and deploy-time jobs (infra/lib/jobs.ts), run as
 * functions against every reachable database: the purge runs the same pass as `npm run purge`,
 * the feed check reports the last minute's answers by outcome, and the migration job leaves a
 * non-admin role that may read and write every table but not change the schema.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInAttemptRetentionMs } from "@/lib/auth/housekeeping";
import { recordAttempt } from "@/lib/auth/totp/sign-in-attempts";
import type { Database } from "@/lib/db/types";
import { ensureAppRole } from "@/lib/server/db/app-role";
import { createDocumentStore } from "@/lib/server/storage/create-store";
import { reachableDatabases } from "@/test/databases.test-kit";
import { checkFeeds } from "./feed-check-handler";
import { migrate } from "./migrate-handler";
import { purge } from "./purge-handler";

const now = new Date("2026-11-20T12:00:30Z");

for (const target of await reachableDatabases()) {
  describe(`job entry points on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let documents: string;
    const role = `downtime_app_${target.dialect}_${process.pid}`;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      documents = mkdtempSync(path.join(tmpdir(), "downtime-jobs-"));
    });
    afterAll(async () => {
      await db.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "${role}"`).catch(() => {});
      await db.query(`REVOKE USAGE ON SCHEMA public FROM "${role}"`).catch(() => {});
      await db.query(`DROP ROLE IF EXISTS "${role}"`).catch(() => {});
      await drop();
      rmSync(documents, { recursive: true, force: true });
    });

    it("purge: runs the CLI's pass (expired sign-in bookkeeping goes) and logs its counts", async () => {
      await recordAttempt(db, {
        userId: null,
        ip: "192.0.2.9",
        succeeded: false,
        at: new Date(now.getTime() - 2 * signInAttemptRetentionMs),
      });
      const lines: string[] = [];
      const spy = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
      try {
        const storage = await createDocumentStore({ kind: "files", root: documents });
        const summary = await purge({ config: { dataEncryptionKey: undefined } as never, db, storage }, now);
        expect(summary.failed).toBe(0);
        expect(summary.housekeeping.signInAttempts).toBeGreaterThanOrEqual(1);
      } finally {
        spy.mockRestore();
      }
      const line = lines.map((text) => JSON.parse(text)).find((entry) => entry.event === "purge.scheduled");
      expect(line).toMatchObject({ level: "info", failed: 0, bytes: 0 });
    });

    it("feed check: sums the previous minute's answers over shards, by outcome", async () => {
      const minute = new Date("2026-11-20T11:59:00Z");
      const rows: [string, number, number][] = [
        ["AA", 0, 2],
        ["AA", 3, 1],
        ["AR", 1, 1],
        ["AE", 2, 4],
      ];
      for (const [outcome, shard, answers] of rows) {
        await db.query(
          "INSERT INTO feed_minute (source, minute, outcome, shard, answers, last_at) VALUES ($1, $2, $3, $4, $5, $2)",
          ["hl7:EPR|TRUST", minute, outcome, shard, answers],
        );
      }
      // An answer in the current minute is not counted yet.
      await db.query(
        "INSERT INTO feed_minute (source, minute, outcome, shard, answers, last_at) VALUES ($1, $2, 'AA', 0, 9, $2)",
        ["hl7:EPR|TRUST", new Date("2026-11-20T12:00:00Z")],
      );
      const spy = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        const result = await checkFeeds(db, 15, now);
        expect(result.answers).toEqual({ AA: 3, AE: 4, AR: 1, unavailable: 0 });
        const logged = spy.mock.calls.map(([text]) => JSON.parse(String(text)));
        expect(logged).toContainEqual(
          expect.objectContaining({ event: "ingest.answers", AA: 3, AE: 4, AR: 1 }),
        );
      } finally {
        spy.mockRestore();
      }
    });

    it("migration job: migrations are current and the app role may use every table, not alter it", async () => {
      const spy = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        const first = await migrate(db, { role });
        expect(first.applied).toEqual([]);
        expect(first.appRole).toMatchObject({ created: true, iamMapped: false });
        expect(first.appRole.tablesGranted).toBeGreaterThan(10);
        const again = await migrate(db, { role });
        expect(again.appRole.created).toBe(false);
      } finally {
        spy.mockRestore();
      }
      const privileges = await db.query<{ dml: boolean; truncate: boolean; create: boolean }>(
        `SELECT has_table_privilege($1, 'feed_minute', 'SELECT, INSERT, UPDATE, DELETE') AS dml,
                has_table_privilege($1, 'feed_minute', 'TRUNCATE') AS truncate,
                has_schema_privilege($1, 'public', 'CREATE') AS create`,
        [role],
      );
      expect(privileges.rows[0]).toEqual({ dml: true, truncate: false, create: false });
    });

    it("refuses the admin role, a name that is not an identifier, and a malformed IAM role ARN", async () => {
      await expect(ensureAppRole(db, { role: "admin" })).rejects.toThrow(/Not a usable/);
      await expect(ensureAppRole(db, { role: 'x"; DROP TABLE patient; --' })).rejects.toThrow(/Not a usable/);
      await expect(ensureAppRole(db, { role, iamRoleArn: "arn:aws:iam::1:user/x" })).rejects.toThrow(
        /IAM role ARN/,
      );
    });
  });
}
