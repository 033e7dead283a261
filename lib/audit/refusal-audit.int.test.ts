/** Refusals in the audit log: what one row holds, the flood limit and its summary, against every database. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { reachableDatabases } from "@/test/databases.test-kit";
import { testPrincipal } from "@/test/principals.test-kit";
import { auditByTime, refusalActions } from "./audit-queries";
import { auditBreakGlassRefusal, auditIngestRefusal, auditRefusal, flushRefusals } from "./refusal-audit";
import type { RefusalFacts } from "./refusal-facts";
import { RefusalLedger } from "./refusal-limiter";

const t0 = new Date("2026-03-01T10:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const clinician = testPrincipal(["clinician"], { ip: "10.1.2.3" });
const key = `dtk_abcdefgh_${"S".repeat(43)}`;

type Row = {
  action: string;
  outcome: string;
  reason: string | null;
  user_id: string | null;
  ip: string | null;
  method: string | null;
  break_glass: boolean;
  patient_id: string | null;
  detail: string;
};

for (const target of await reachableDatabases()) {
  describe(`refusal audit on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let ledger: RefusalLedger<RefusalFacts>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
    });
    afterAll(() => drop());
    // A fresh ledger per test; each test reads only the rows from its own minute of the clock.
    beforeEach(() => {
      ledger = new RefusalLedger();
    });

    const rowsSince = async (since: Date) =>
      (
        await db.query<Row>(
          `SELECT action, outcome, reason, user_id, ip, method, break_glass, patient_id, detail
             FROM audit_event WHERE occurred_at >= $1 ORDER BY occurred_at, action`,
          [since],
        )
      ).rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));

    it("records a role refusal with the route, method, reason, user and address", async () => {
      const at = later(1_000);
      await auditRefusal(
        db,
        {
          reason: "role",
          route: "/api/admin/users?x=1",
          method: "GET",
          principal: clinician,
          ip: clinician.ip,
          extra: { permission: "admin:users" },
        },
        { ledger, now: at },
      );
      const [row] = await rowsSince(at);
      expect(row).toMatchObject({
        action: "access.refused",
        outcome: "refused",
        reason: "role",
        user_id: clinician.userId,
        ip: "10.1.2.3",
        method: "launcher",
        detail: {
          route: "/api/admin/users",
          method: "GET",
          reason: "role",
          permission: "admin:users",
          userId: clinician.userId,
          ip: "10.1.2.3",
        },
      });
    });

    it("writes 10 rows a minute for one user and one row with the count of the rest", async () => {
      const at = later(10 * 60_000);
      for (let i = 0; i < 30; i++)
        await auditRefusal(
          db,
          {
            reason: "role",
            route: "/api/admin/users",
            method: "GET",
            principal: clinician,
            ip: clinician.ip,
          },
          { ledger, now: new Date(at.getTime() + i) },
        );
      expect((await rowsSince(at)).filter((row) => row.action === "access.refused")).toHaveLength(10);
      // The next refusal a minute on brings the summary with it.
      await auditRefusal(
        db,
        { reason: "role", route: "/x", method: "GET", principal: clinician, ip: clinician.ip },
        { ledger, now: new Date(at.getTime() + 61_000) },
      );
      const rows = await rowsSince(at);
      expect(rows.filter((row) => row.action === "access.refused")).toHaveLength(11);
      const summary = rows.find((row) => row.action === "access.refused.suppressed");
      expect(summary).toMatchObject({
        reason: "role",
        method: "system",
        detail: { reason: "role", suppressed: 20, subjects: 1 },
      });
    });

    it("audits refused API keys by prefix only, never the secret, and ignores errors that are not refusals", async () => {
      const at = later(20 * 60_000);
      const refuse = (headers: Record<string, string>, error: unknown, clientId?: string) =>
        auditIngestRefusal(
          db,
          {
            headers: new Headers(headers),
            route: "/api/ingest/hl7v2",
            method: "POST",
            ip: "192.0.2.7",
            error,
            clientId,
          },
          { ledger, now: at },
        );
      const unauthenticated = new AppError("unauthenticated", "API key not recognised");
      await refuse({}, unauthenticated);
      await refuse({ "x-api-key": "dtk_short" }, unauthenticated);
      await refuse({ authorization: `Bearer ${key}` }, unauthenticated);
      await refuse({ authorization: `Bearer ${key}` }, new AppError("unauthenticated", "API key revoked"));
      await refuse(
        { authorization: `Bearer ${key}` },
        new AppError("rate_limited", "slow down"),
        "00000000-0000-4000-8000-0000000000c1",
      );
      expect(await refuse({ authorization: `Bearer ${key}` }, new AppError("bad_request", "not HL7"))).toBe(
        false,
      );
      const rows = await rowsSince(at);
      expect(rows.map((row) => row.reason)).toEqual([
        "api-key-missing",
        "api-key-malformed",
        "api-key-not-recognised",
        "api-key-revoked",
        "api-key-rate-limited",
      ]);
      expect(rows.map((row) => row.detail.keyPrefix ?? null)).toEqual([
        null,
        null,
        "abcdefgh",
        "abcdefgh",
        "abcdefgh",
      ]);
      expect(rows[4]!.detail.clientId).toBe("00000000-0000-4000-8000-0000000000c1");
      for (const row of rows) {
        expect(row).toMatchObject({ action: "access.refused", user_id: null, ip: "192.0.2.7" });
        expect(JSON.stringify(row)).not.toContain("SSSS");
        expect(JSON.stringify(row)).not.toContain("dtk_short");
      }
    });

    it("writes refusals held by the proxy on the next flush, and nothing when none are held", async () => {
      const at = later(30 * 60_000);
      await flushRefusals(db, { ledger, now: at });
      expect(await rowsSince(at)).toEqual([]);
      ledger.hold(
        {
          reason: "cross-site",
          route: "/api/admin/users",
          method: "POST",
          ip: "203.0.113.9",
          extra: { origin: "https://evil.example" },
          occurredAt: at,
        },
        "cross-site",
        "ip:203.0.113.9",
        at.getTime(),
      );
      await flushRefusals(db, { ledger, now: at });
      expect(await rowsSince(at)).toMatchObject([
        {
          action: "access.refused",
          reason: "cross-site",
          user_id: null,
          ip: "203.0.113.9",
          detail: { route: "/api/admin/users", method: "POST", origin: "https://evil.example" },
        },
      ]);
    });

    it("flags a refused break-glass and names the patient and the rule, never the reason typed", async () => {
      const at = later(40 * 60_000);
      const patientId = "00000000-0000-4000-8000-0000000000a1";
      await auditBreakGlassRefusal(
        db,
        testPrincipal(["clinician"]),
        { patientId, now: at, refusal: "too-short", route: "/api/patients/x/break-glass", method: "POST" },
        { ledger },
      );
      expect(await rowsSince(at)).toMatchObject([
        {
          action: "break-glass.refused",
          outcome: "refused",
          break_glass: true,
          patient_id: patientId,
          reason: null,
          detail: { reason: "too-short", route: "/api/patients/x/break-glass", method: "POST" },
        },
      ]);
    });

    it("never throws when the database fails, and counts what it could not write into the next summary", async () => {
      const broken = {
        ...db,
        transaction: async () => {
          throw new Error("connection refused");
        },
      } as Database;
      const at = later(50 * 60_000);
      await expect(
        auditRefusal(
          broken,
          { reason: "role", route: "/a", method: "GET", principal: clinician, ip: clinician.ip },
          { ledger, now: at },
        ),
      ).resolves.toBe(true);
      await flushRefusals(db, { ledger, now: at, everything: true });
      expect(await rowsSince(at)).toMatchObject([
        { action: "access.refused.suppressed", detail: { reason: "role", suppressed: 1 } },
      ]);
    });

    it("lets IG list the refusals by action and outcome", async () => {
      const page = await auditByTime(db, {
        from: t0,
        actions: refusalActions,
        outcome: "refused",
        limit: 1_000,
      });
      expect(page.rows.length).toBeGreaterThan(10);
      expect(new Set(page.rows.map((row) => row.outcome))).toEqual(new Set(["refused"]));
    });
  });
}
