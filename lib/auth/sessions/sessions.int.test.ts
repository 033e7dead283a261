/**
 * Ward PC sign-in end to end below the UI, and what ends a session: the user refusals that come
 * after a valid launcher token (unknown, disabled, not allowed in this environment), sign-out,
 * expiry, a disabled user and a revoked ward PC — each ends access on the very next request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDevice, revokeDevice } from "@/lib/auth/launcher/devices";
import {
  audience,
  compactJws,
  es256Signer,
  launchClaims,
  newP256,
} from "@/lib/auth/launcher/launch-token.test-kit";
import { launcherSignIn } from "@/lib/auth/sign-in/launcher-sign-in";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { endSession } from "./end-session";
import { sessionRecheckMs, sharedSessionChecks } from "./session-check-cache";
import { principalForSession } from "./session-store";

const facts = { ip: "10.0.0.1", userAgent: "test" };

for (const target of await reachableDatabases()) {
  describe(`sessions on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    const key = newP256();
    const token = (sub: string, now: Date) =>
      compactJws(
        { alg: "ES256", typ: "JWT", kid: "PC-1" },
        launchClaims("PC-1", now, { sub }),
        es256Signer(key.privateKey),
      );
    const signIn = (sub: string, now = new Date(), appEnv: "prod" | "cert" = "prod") =>
      launcherSignIn(db, { token: token(sub, now), audience, appEnv, ...facts, now });

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await db.query(
        `INSERT INTO staff_user (username, display_name, roles, enabled, non_prod_allowed) VALUES
           ('rxd\\nurse', 'Nia Nurse', '["clinician"]', true, false),
           ('rxd\\gone', 'Gone User', '["clinician"]', false, true)`,
      );
      await registerDevice(db, {
        id: "PC-1",
        name: "Oak PC",
        location: "Oak",
        publicJwk: { ...key.jwk, kid: "PC-1" },
        by: { username: "admin" },
      });
    });
    afterAll(() => drop());

    // A database whose audit insert fails: once with a DSQL-style conflict (retried), or for good.
    const failingAudit = (mode: "conflict-once" | "always"): Database => {
      let failed = false;
      const fail = (sql: string) => {
        if (!sql.includes("INSERT INTO audit_event") || (mode === "conflict-once" && failed)) return;
        failed = true;
        throw Object.assign(new Error("change conflicts with another transaction (OC000)"), {
          code: mode === "conflict-once" ? "40001" : "53100",
        });
      };
      return {
        ...db,
        dialect: db.dialect,
        query: db.query.bind(db),
        ping: db.ping.bind(db),
        close: db.close.bind(db),
        transaction: (work, options) =>
          db.transaction(
            (tx) =>
              work({
                query: async (sql, params) => {
                  fail(sql);
                  return tx.query(sql, params);
                },
              }),
            options,
          ),
      };
    };
    const sessionsAndSignIns = async (sub: string) => {
      const sessions = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM auth_session s JOIN staff_user u ON u.id = s.user_id WHERE u.username = $1`,
        [sub],
      );
      const audits = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = 'sign-in' AND username = $1",
        [sub],
      );
      return { sessions: sessions.rows[0]!.n, signIns: audits.rows[0]!.n };
    };

    it("writes the session and its sign-in record together: a conflict retries both, a failure leaves neither", async () => {
      await db.query(
        `INSERT INTO staff_user (username, display_name, roles, enabled, non_prod_allowed) VALUES
           ('rxd\\retry', 'Retry User', '["clinician"]', true, false),
           ('rxd\\broken', 'Broken User', '["clinician"]', true, false)`,
      );
      const now = new Date();
      const retried = await launcherSignIn(failingAudit("conflict-once"), {
        token: token("RXD\\Retry", now),
        audience,
        appEnv: "prod",
        ...facts,
        now,
      });
      expect(retried.ok).toBe(true);
      expect(await sessionsAndSignIns("rxd\\retry")).toEqual({ sessions: 1, signIns: 1 });

      await expect(
        launcherSignIn(failingAudit("always"), {
          token: token("RXD\\Broken", now),
          audience,
          appEnv: "prod",
          ...facts,
          now,
        }),
      ).rejects.toThrow();
      expect(await sessionsAndSignIns("rxd\\broken")).toEqual({ sessions: 0, signIns: 0 });
    });

    it("signs in a known user and resolves the session to a principal", async () => {
      const outcome = await signIn("RXD\\Nurse");
      expect(outcome.ok).toBe(true);
      const principal = await principalForSession(db, outcome.ok ? outcome.sessionId : "", {
        ...facts,
        now: new Date(),
      });
      expect(principal).toMatchObject({
        username: "rxd\\nurse",
        roles: ["clinician"],
        method: "launcher",
        deviceId: "PC-1",
      });
    });

    it("through the session check cache: refuses a session ended elsewhere within 5 s, one signed out here at once", async () => {
      const checks = sharedSessionChecks();
      const newSession = async (now: Date) => {
        const outcome = await signIn("RXD\\nurse", now);
        if (!outcome.ok) throw new Error(outcome.reason);
        return outcome.sessionId;
      };
      const t0 = new Date();
      const at = (ms: number) => ({ ...facts, now: new Date(t0.getTime() + ms) });
      const check = (id: string, ms: number) =>
        checks.check(id, at(ms), () => principalForSession(db, id, at(ms)));

      const elsewhere = await newSession(t0);
      expect(await check(elsewhere, 0)).not.toBeNull();
      // Another instance signs it out: only the database knows.
      await db.query("UPDATE auth_session SET revoked_at = now() WHERE id = $1", [elsewhere]);
      expect(await check(elsewhere, sessionRecheckMs - 1)).not.toBeNull();
      expect(await check(elsewhere, sessionRecheckMs)).toBeNull();

      const here = await newSession(t0);
      expect(await check(here, 0)).not.toBeNull();
      await endSession(db, here, { ...facts, now: t0 });
      expect(await check(here, 1)).toBeNull();
    });

    it("refuses an unknown user, a disabled user, and a user not allowed in a test environment", async () => {
      expect(await signIn("RXD\\nobody")).toMatchObject({ ok: false, reason: "unknown-user" });
      expect(await signIn("RXD\\gone")).toMatchObject({ ok: false, reason: "disabled-user" });
      expect(await signIn("RXD\\nurse", new Date(), "cert")).toMatchObject({
        ok: false,
        reason: "environment-not-allowed",
      });
      const failures = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = 'sign-in.failed'",
      );
      expect(failures.rows[0]!.n).toBeGreaterThanOrEqual(3);
    });

    it("ends access at once on sign-out, expiry, disabling the user, or revoking the PC", async () => {
      const now = new Date();
      const session = async () => {
        const outcome = await signIn("RXD\\nurse", new Date());
        if (!outcome.ok) throw new Error(outcome.reason);
        return outcome.sessionId;
      };
      const live = (id: string, at = new Date()) => principalForSession(db, id, { ...facts, now: at });

      const signedOut = await session();
      await endSession(db, signedOut, { ...facts, now });
      expect(await live(signedOut)).toBeNull();

      const expiring = await session();
      expect(await live(expiring, new Date(Date.now() + 13 * 3600_000))).toBeNull();

      const disabled = await session();
      await db.query("UPDATE staff_user SET enabled = false WHERE username = 'rxd\\nurse'");
      expect(await live(disabled)).toBeNull();
      await db.query("UPDATE staff_user SET enabled = true WHERE username = 'rxd\\nurse'");

      const onRevokedPc = await session();
      expect(await live(onRevokedPc)).not.toBeNull();
      await revokeDevice(db, "PC-1", { username: "admin" });
      expect(await live(onRevokedPc)).toBeNull();
      expect(await signIn("RXD\\nurse")).toMatchObject({ ok: false, reason: "revoked-device" });
    });
  });
}
