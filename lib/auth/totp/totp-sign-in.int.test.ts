/** Phone sign-in end to end (codes from oathtool), on every reachable database adapter. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/auth/secrets/secret-box";
import type { Database } from "@/lib/db/types";
import { issuePrintedEnrolments } from "@/lib/enrolment/printed-sheets";
import { reachableDatabases } from "@/test/databases.test-kit";
import { oathtool, secretOf } from "./oathtool.test-kit";
import { defaultSignInPolicy } from "./sign-in-throttle";
import { adminPrincipal, auditActions, insertStaff, testKeyring } from "./totp.test-kit";
import { type PhoneSignInInput, signInWithTotp } from "./totp-sign-in";

const t0 = new Date("2026-11-20T08:00:10Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const invalid = { ok: false, reason: "invalid" };

for (const target of await reachableDatabases()) {
  describe(`signInWithTotp on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => ({ db, drop } = await target.create()));
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of ["totp_credential", "sign_in_attempt", "audit_event", "staff_user"]) {
        await db.query(`DELETE FROM ${table}`);
      }
    });

    const signIn = (input: Partial<PhoneSignInInput> & { code: string }) =>
      signInWithTotp(db, {
        username: "trust\\jbloggs",
        ip: "192.0.2.10",
        userAgent: "Mozilla/5.0 (iPhone)",
        now: t0,
        keyring: testKeyring,
        ...input,
      });

    /** Enrols trust\jbloggs with a printed card; returns the base32 secret the QR code carries. */
    async function printedUser(now = t0, username = "trust\\jbloggs") {
      const userId = await insertStaff(db, username, { displayName: "Joe Bloggs" });
      const [card] = await issuePrintedEnrolments(db, {
        userIds: [userId],
        now,
        keyring: testKeyring,
        environment: "cert",
        issuedBy: adminPrincipal(userId),
      });
      return { userId, secret: secretOf(card!.otpauthUri), card: card! };
    }

    it("activates a printed card at the first oathtool code, then accepts later codes once", async () => {
      const { userId, secret } = await printedUser();
      const first = await signIn({ username: "TRUST\\JBloggs", code: oathtool(secret, t0) });
      expect(first).toMatchObject({ ok: true, userId });
      const { rows } = await db.query<{ status: string; activated_at: Date | null; last_time_step: string }>(
        "SELECT status, activated_at, last_time_step FROM totp_credential WHERE user_id = $1",
        [userId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: "active" });
      expect(Number(rows[0]!.last_time_step)).toBe(Math.floor(t0.getTime() / 30_000));
      expect(await auditActions(db)).toEqual(["enrolment.created", "enrolment.activated"]);
      expect(await signIn({ code: oathtool(secret, at(30)), now: at(30) })).toMatchObject({ ok: true });
      const attempts = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM sign_in_attempt WHERE succeeded",
      );
      expect(attempts.rows[0]!.n).toBe(2);
    });

    it("refuses a replayed code, even within its 30 seconds", async () => {
      const { secret } = await printedUser();
      const code = oathtool(secret, t0);
      expect(await signIn({ code })).toMatchObject({ ok: true });
      expect(await signIn({ code, now: at(5) })).toEqual(invalid);
      // A code from the step before the one used is older still: refused.
      expect(await signIn({ code: oathtool(secret, at(-30)), now: at(5) })).toEqual(invalid);
    });

    it("lets exactly one of two concurrent sign-ins with the same code through", async () => {
      const { secret } = await printedUser();
      const code = oathtool(secret, t0);
      const results = await Promise.all([signIn({ code }), signIn({ code, ip: "192.0.2.11" })]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
    });

    it("locks after 5 failures, stays locked with a right code, unlocks after 15 minutes", async () => {
      const { userId, secret } = await printedUser();
      for (let i = 0; i < 5; i++) {
        expect(await signIn({ code: "000000", now: at(i) })).toEqual(invalid);
      }
      const { rows } = await db.query<{ locked_until: Date }>(
        "SELECT locked_until FROM staff_user WHERE id = $1",
        [userId],
      );
      expect(new Date(rows[0]!.locked_until)).toEqual(at(4 + 15 * 60));
      expect(await signIn({ code: oathtool(secret, at(60)), now: at(60) })).toEqual({
        ok: false,
        reason: "locked",
      });
      expect(await signIn({ code: oathtool(secret, at(14 * 60)), now: at(14 * 60) })).toMatchObject({
        reason: "locked",
      });
      const later = at(15 * 60 + 5);
      expect(await signIn({ code: oathtool(secret, later), now: later })).toMatchObject({ ok: true, userId });
      const actions = await auditActions(db);
      expect(actions.filter((action) => action === "account.locked")).toHaveLength(1);
      expect(actions.filter((action) => action === "sign-in.failed")).toHaveLength(7);
      const details = await db.query<{ detail: string }>(
        "SELECT detail FROM audit_event WHERE action = 'sign-in.failed'",
      );
      expect(details.rows.map((row) => row.detail).join()).not.toContain("000000");
    });

    it("answers unknown, disabled and unenrolled users exactly like a wrong code", async () => {
      const { secret } = await printedUser();
      await insertStaff(db, "trust\\gone", { enabled: false });
      await insertStaff(db, "trust\\noapp");
      const code = oathtool(secret, t0);
      expect(await signIn({ username: "trust\\nobody", code })).toEqual(invalid);
      expect(await signIn({ username: "trust\\gone", code })).toEqual(invalid);
      expect(await signIn({ username: "trust\\noapp", code })).toEqual(invalid);
      expect(await signIn({ code: code === "123456" ? "654321" : "123456" })).toEqual(invalid);
      expect(await signIn({ code: "not a code" })).toEqual(invalid);
    });

    it("takes about as long for an unknown user as for a wrong code", async () => {
      await printedUser();
      const policy = { ...defaultSignInPolicy, maxFailures: 10_000, perIpPerMinute: 10_000 };
      const timings = { unknown: [] as number[], wrong: [] as number[] };
      for (let i = 0; i < 30; i++) {
        for (const kind of ["unknown", "wrong"] as const) {
          const started = performance.now();
          await signIn({
            username: kind === "unknown" ? `trust\\ghost${i}` : "trust\\jbloggs",
            code: "000000",
            policy,
          });
          timings[kind].push(performance.now() - started);
        }
      }
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const ratio = median(timings.unknown) / median(timings.wrong);
      expect(ratio).toBeGreaterThan(1 / 3);
      expect(ratio).toBeLessThan(3);
    });

    it("refuses an expired printed card", async () => {
      const { secret, card } = await printedUser();
      const after = new Date(card.expiresAt.getTime() + 1000);
      expect(await signIn({ code: oathtool(secret, after), now: after })).toEqual(invalid);
    });

    it("re-printing rotates: the old card's codes are refused, the new card's accepted", async () => {
      const { userId, secret: oldSecret } = await printedUser();
      const [card] = await issuePrintedEnrolments(db, {
        userIds: [userId],
        now: t0,
        keyring: testKeyring,
        environment: "cert",
        issuedBy: adminPrincipal(userId),
      });
      const newSecret = secretOf(card!.otpauthUri);
      expect(newSecret).not.toBe(oldSecret);
      expect(await signIn({ code: oathtool(oldSecret, t0) })).toEqual(invalid);
      expect(await signIn({ code: oathtool(newSecret, at(30)), now: at(30) })).toMatchObject({ ok: true });
    });

    it("stores ciphertext, not the base32 secret, and another key cannot use it", async () => {
      const { userId, secret } = await printedUser();
      const { rows } = await db.query<{ secret_ciphertext: string; key_id: string }>(
        "SELECT secret_ciphertext, key_id FROM totp_credential WHERE user_id = $1",
        [userId],
      );
      const stored = rows[0]!;
      expect(stored.secret_ciphertext).not.toContain(secret);
      expect(stored.secret_ciphertext.startsWith("v1.k1.")).toBe(true);
      expect(stored.key_id).toBe("k1");
      expect(decryptSecret(testKeyring, stored.secret_ciphertext)).toBe(secret);
      const otherKey = { currentKeyId: "k1", keys: { k1: Buffer.alloc(32, 7) } };
      expect(() => decryptSecret(otherKey, stored.secret_ciphertext)).toThrow();
      expect(await signIn({ code: oathtool(secret, t0), keyring: otherKey })).toEqual(invalid);
    });

    it("rate-limits one IP after 20 attempts a minute, even for a right code", async () => {
      const { secret } = await printedUser();
      for (let i = 0; i < 20; i++) {
        expect(await signIn({ username: `trust\\spray${i}`, code: "123456", now: at(i) })).toEqual(invalid);
      }
      const code = oathtool(secret, at(25));
      expect(await signIn({ code, now: at(25) })).toEqual({ ok: false, reason: "rate-limited" });
      expect(await signIn({ code, now: at(25), ip: "192.0.2.99" })).toMatchObject({ ok: true });
    });
  });
}
