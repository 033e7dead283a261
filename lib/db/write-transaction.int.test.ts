/**
 * The retry helper on real conflicts: two transactions at SERIALIZABLE read the same row, wait
 * for each other, then both update it. PostgreSQL fails one with 40001; the helper re-runs it, and
 * both effects land exactly once.
 */

import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase } from "@/lib/server/db/postgres";
import { postgresReachable, postgresServerUrl } from "@/test/databases.test-kit";
import type { Database, Queryable } from "./types";
import { writeTransaction } from "./write-transaction";

const reachable = await postgresReachable();
if (!reachable && process.env.REQUIRE_POSTGRES === "1")
  throw new Error("PostgreSQL required for the conflict test");

describe.runIf(reachable)("writeTransaction on PostgreSQL conflicts", () => {
  const name = `downtime_retry_${randomBytes(5).toString("hex")}`;
  let db: Database;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: postgresServerUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(postgresServerUrl);
    url.pathname = `/${name}`;
    db = createPostgresDatabase(url.toString(), 4);
    await db.query("CREATE TABLE counter (id text PRIMARY KEY, n integer NOT NULL)");
    await db.query("CREATE TABLE effect (who text NOT NULL)");
    await db.query("INSERT INTO counter VALUES ('beds', 0)");
  });

  afterAll(async () => {
    await db?.close();
    const admin = new pg.Client({ connectionString: postgresServerUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it("retries the loser so both increments land exactly once", async () => {
    // A barrier both first attempts wait at after reading, so they are guaranteed to overlap.
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const attempts: Record<string, number> = { a: 0, b: 0 };
    const retries: string[] = [];

    const increment = (who: "a" | "b") =>
      writeTransaction(
        db,
        async (tx: Queryable) => {
          attempts[who]!++;
          const { rows } = await tx.query<{ n: number }>("SELECT n FROM counter WHERE id = 'beds'");
          if (attempts[who] === 1) {
            if (++arrived === 2) release();
            await bothRead;
          }
          await tx.query("UPDATE counter SET n = $1 WHERE id = 'beds'", [rows[0]!.n + 1]);
          await tx.query("INSERT INTO effect (who) VALUES ($1)", [who]);
        },
        { isolation: "serializable", onRetry: () => retries.push(who) },
      );

    await Promise.all([increment("a"), increment("b")]);

    const counter = await db.query<{ n: number }>("SELECT n FROM counter WHERE id = 'beds'");
    const effects = await db.query<{ who: string }>("SELECT who FROM effect ORDER BY who");
    expect(counter.rows[0]!.n).toBe(2);
    expect(effects.rows.map((row) => row.who)).toEqual(["a", "b"]);
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(attempts.a! + attempts.b!).toBe(2 + retries.length);
  });

  it("without the helper the same collision fails with SQLSTATE 40001", async () => {
    await db.query("UPDATE counter SET n = 0");
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const once = () =>
      db.transaction(
        async (tx) => {
          const { rows } = await tx.query<{ n: number }>("SELECT n FROM counter WHERE id = 'beds'");
          if (++arrived === 2) release();
          await bothRead;
          await tx.query("UPDATE counter SET n = $1 WHERE id = 'beds'", [rows[0]!.n + 1]);
        },
        { isolation: "serializable" },
      );
    const results = await Promise.allSettled([once(), once()]);
    const failures = results.filter((result) => result.status === "rejected");
    expect(failures).toHaveLength(1);
    expect((failures[0] as PromiseRejectedResult).reason).toMatchObject({ code: "40001" });
  });
});
