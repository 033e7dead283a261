/** Self-enrolment, printed sheets and reset, on every reachable database adapter. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { oathtool, secretOf } from "@/lib/auth/totp/oathtool.test-kit";
import { adminPrincipal, auditActions, insertStaff, testKeyring } from "@/lib/auth/totp/totp.test-kit";
import { signInWithTotp } from "@/lib/auth/totp/totp-sign-in";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { issuePrintedEnrolments, resetEnrolment } from "./printed-sheets";
import { confirmSelfEnrolment, startSelfEnrolment } from "./self-enrolment";

const t0 = new Date("2026-11-20T08:00:10Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

for (const target of await reachableDatabases()) {
  describe(`enrolment on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => ({ db, drop } = await target.create()));
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of ["totp_credential", "sign_in_attempt", "audit_event", "staff_user"]) {
        await db.query(`DELETE FROM ${table}`);
      }
    });

    const credentials = async (userId: string) =>
      (
        await db.query<{ id: string; status: string; source: string }>(
          "SELECT id, status, source FROM totp_credential WHERE user_id = $1 ORDER BY created_at",
          [userId],
        )
      ).rows;
    const start = (userId: string, now = t0) =>
      startSelfEnrolment(db, { userId, keyring: testKeyring, environment: "prod", now });
    const confirm = (userId: string, credentialId: string, code: string, now = t0) =>
      confirmSelfEnrolment(db, { userId, credentialId, code, now, keyring: testKeyring });

    it("self-enrolment: pending until a valid first code, then replaces the old credential", async () => {
      const userId = await insertStaff(db, "trust\\jbloggs");
      const old = await start(userId);
      expect(await confirm(userId, old.credentialId, oathtool(old.secret, t0))).toBe(true);

      const fresh = await start(userId, at(60));
      expect(fresh.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(secretOf(fresh.otpauthUri)).toBe(fresh.secret);
      expect(new URL(fresh.otpauthUri).searchParams.get("issuer")).toBe("Downtime");
      expect((await credentials(userId)).map((row) => row.status)).toEqual(["active", "pending"]);
      expect(await confirm(userId, fresh.credentialId, "000000", at(60))).toBe(false);
      const otherUser = await insertStaff(db, "trust\\other");
      expect(await confirm(otherUser, fresh.credentialId, oathtool(fresh.secret, at(60)), at(60))).toBe(
        false,
      );
      expect(await confirm(userId, fresh.credentialId, oathtool(fresh.secret, at(60)), at(60))).toBe(true);
      expect(await credentials(userId)).toEqual([
        { id: fresh.credentialId, status: "active", source: "self" },
      ]);

      // The old phone's codes no longer work; the new phone's do (a later step than the confirm).
      const signIn = (secret: string, now: Date) =>
        signInWithTotp(db, {
          username: "trust\\jbloggs",
          code: oathtool(secret, now),
          ip: "192.0.2.1",
          userAgent: "t",
          now,
          keyring: testKeyring,
        });
      expect(await signIn(old.secret, at(120))).toEqual({ ok: false, reason: "invalid" });
      expect(await signIn(fresh.secret, at(150))).toMatchObject({ ok: true, userId });
      expect(await auditActions(db)).toEqual(
        expect.arrayContaining(["enrolment.created", "enrolment.activated", "sign-in.failed"]),
      );
    });

    it("self-enrolment: a second start replaces the pending one; an expired one cannot be confirmed", async () => {
      const userId = await insertStaff(db, "trust\\jbloggs");
      const first = await start(userId);
      const second = await start(userId);
      expect((await credentials(userId)).map((row) => row.id)).toEqual([second.credentialId]);
      expect(await confirm(userId, first.credentialId, oathtool(first.secret, t0))).toBe(false);
      const late = at(31 * 60);
      expect(await confirm(userId, second.credentialId, oathtool(second.secret, late), late)).toBe(false);
    });

    it("prints cards for enabled users only, with a 14-day expiry, and audits each", async () => {
      const a = await insertStaff(db, "trust\\a", { displayName: "Ann A" });
      const b = await insertStaff(db, "trust\\b");
      const gone = await insertStaff(db, "trust\\gone", { enabled: false });
      const cards = await issuePrintedEnrolments(db, {
        userIds: [b, a, gone, "not-a-uuid", "5b0f4a4e-9a43-4c1e-9a7e-00000000dead"],
        now: t0,
        keyring: testKeyring,
        environment: "training",
        issuedBy: adminPrincipal(a),
      });
      expect(cards.map((card) => card.username)).toEqual(["trust\\b", "trust\\a"]);
      expect(cards[1]).toMatchObject({ userId: a, displayName: "Ann A", expiresAt: at(14 * 86_400) });
      expect(new URL(cards[0]!.otpauthUri).searchParams.get("issuer")).toBe("Downtime (TRAINING)");
      expect(await auditActions(db)).toEqual(["enrolment.created", "enrolment.created"]);
      expect(await credentials(gone)).toEqual([]);
    });

    it("reset removes every credential, so sign-in fails until the user enrols again", async () => {
      const userId = await insertStaff(db, "trust\\jbloggs");
      const self = await start(userId);
      await confirm(userId, self.credentialId, oathtool(self.secret, t0));
      await issuePrintedEnrolments(db, {
        userIds: [userId],
        now: t0,
        keyring: testKeyring,
        environment: "prod",
        issuedBy: adminPrincipal(userId),
      });
      expect(await resetEnrolment(db, { userId, by: adminPrincipal(userId) })).toBe(2);
      expect(await credentials(userId)).toEqual([]);
      const now = at(90);
      const result = await signInWithTotp(db, {
        username: "trust\\jbloggs",
        code: oathtool(self.secret, now),
        ip: "192.0.2.1",
        userAgent: "t",
        now,
        keyring: testKeyring,
      });
      expect(result).toEqual({ ok: false, reason: "invalid" });
      expect(await auditActions(db)).toContain("enrolment.reset");
    });
  });
}
