/** Phone sign-in end to end (codes from oathtool), on every reachable database adapter. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/auth/secrets/secret-box";
import type { Database } from "@/lib/db/types";
import { issuePrintedEnrolments } from "@/lib/enrolment/printed-sheets";
import { reachableDatabases } from "@/test/databases.test-kit";
import { oathtool, secretOf } from "./oathtool.test-kit";
import { deleteAttemptsBefore } from "./sign-in-attempts";
import { defaultSignInPolicy } from "./sign-in-throttle";
import { adminPrincipal, auditActions, insertStaff, testKeyring } from "./totp.test-kit";
import { type PhoneSignInInput, type PhoneSignInResult, signInWithTotp } from "./totp-sign-in";

const t0 = new Date("2026-11-20T08:00:10Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const invalid = { ok: false, reason: "invalid" };
const reasonOf = (result: PhoneSignInResult) => (result.ok ? "ok" : result.reason);

for (const target of await reachableDatabases()) {
  describe(`signInWithTotp on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => ({ db, drop } = await target.create()));
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of [
        "totp_credential",
        "sign_in_attempt",
        "sign_in_backoff",
        "audit_event",
        "staff_user",
      ]) {
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

    const throttled = (retryAfterSeconds: number) => ({ ok: false, reason: "throttled", retryAfterSeconds });
    const failedReasons = async () => {
      const { rows } = await db.query<{ detail: string }>(
        "SELECT detail FROM audit_event WHERE action = 'sign-in.failed' ORDER BY occurred_at, recorded_at",
      );
      return rows.map((row) => JSON.parse(row.detail).reason as string);
    };

    it("backs one device off after 5 failures (30 s, then doubling) but never locks the account", async () => {
      const { userId, secret } = await printedUser();
      for (let i = 0; i < 5; i++) {
        expect(await signIn({ code: "000000", now: at(i) })).toEqual(invalid);
      }
      // The right code from that device waits out the back-off, unchecked ...
      expect(await signIn({ code: oathtool(secret, at(10)), now: at(10) })).toEqual(throttled(24));
      // ... while the owner's own phone, elsewhere, signs in at once.
      expect(await signIn({ code: oathtool(secret, at(10)), now: at(10), ip: "198.51.100.7" })).toMatchObject(
        {
          ok: true,
          userId,
        },
      );
      // Waiting adds nothing; the next failure doubles the wait.
      expect(await signIn({ code: "000000", now: at(34) })).toEqual(invalid);
      expect(await signIn({ code: "000000", now: at(35) })).toEqual(throttled(59));
      const { rows } = await db.query<{ locked_until: Date | null }>(
        "SELECT locked_until FROM staff_user WHERE id = $1",
        [userId],
      );
      expect(rows[0]!.locked_until).toBeNull();
      expect(await auditActions(db)).not.toContain("account.locked");
      expect(await failedReasons()).toEqual([
        ...Array(5).fill("wrong-code"),
        "throttled",
        "wrong-code",
        "throttled",
      ]);
      const details = await db.query<{ detail: string }>(
        "SELECT detail FROM audit_event WHERE action = 'sign-in.failed'",
      );
      expect(details.rows.map((row) => row.detail).join()).not.toContain("000000");
    });

    it("a success from the device starts its count again", async () => {
      const { secret } = await printedUser();
      for (let i = 0; i < 4; i++) expect(await signIn({ code: "000000", now: at(i) })).toEqual(invalid);
      expect(await signIn({ code: oathtool(secret, at(30)), now: at(30) })).toMatchObject({ ok: true });
      for (let i = 0; i < 5; i++) expect(await signIn({ code: "000000", now: at(31 + i) })).toEqual(invalid);
      expect(await signIn({ code: "000000", now: at(36) })).toEqual(throttled(29));
    });

    it("answers an unknown username exactly like a real one, back-off included", async () => {
      const { secret } = await printedUser();
      // Each journey from its own address, so the per-address limit stays out of it.
      const journey = async (username: string, ip: string) => {
        const answers = [];
        for (let i = 0; i < 6; i++) answers.push(await signIn({ username, ip, code: "000000", now: at(i) }));
        answers.push(await signIn({ username, ip, code: oathtool(secret, at(6)), now: at(6) }));
        answers.push(await signIn({ username, ip, code: "000000", now: at(40) }));
        answers.push(await signIn({ username, ip, code: "000000", now: at(41) }));
        return answers;
      };
      const real = await journey("trust\\jbloggs", "192.0.2.21");
      expect(real.map(reasonOf)).toEqual([
        ...Array(5).fill("invalid"),
        "throttled",
        "throttled",
        "invalid",
        "throttled",
      ]);
      expect(await journey("trust\\nobody", "192.0.2.22")).toEqual(real);
      expect(await journey("TRUST\\NoBody2", "192.0.2.23")).toEqual(real);
    });

    it("records a replayed code as a replay, not a wrong code", async () => {
      const { secret } = await printedUser();
      const code = oathtool(secret, t0);
      expect(await signIn({ code })).toMatchObject({ ok: true });
      expect(await signIn({ code, now: at(5) })).toEqual(invalid);
      expect(await signIn({ code: "000000", now: at(6) })).toEqual(invalid);
      expect(await failedReasons()).toEqual(["replay", "wrong-code"]);
    });

    it("lets concurrent wrong codes from one device past the back-off no more often than in turn", async () => {
      await printedUser();
      for (let i = 0; i < 3; i++) expect(await signIn({ code: "000000", now: at(i) })).toEqual(invalid);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => signIn({ code: "000000", now: at(3) })),
      );
      expect(answers.filter((answer) => reasonOf(answer) === "invalid")).toHaveLength(2);
      expect(answers.filter((answer) => reasonOf(answer) === "throttled")).toHaveLength(4);
    });

    it("housekeeping deletes a device's back-off a day after its latest failure", async () => {
      for (let i = 0; i < 6; i++) await signIn({ username: "trust\\ghost", code: "000000", now: at(i) });
      const backoffRows = async () =>
        (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sign_in_backoff")).rows[0]!.n;
      expect(await backoffRows()).toBe(1);
      await deleteAttemptsBefore(db, at(4));
      expect(await backoffRows()).toBe(1);
      await deleteAttemptsBefore(db, at(5));
      expect(await backoffRows()).toBe(0);
      expect(await signIn({ username: "trust\\ghost", code: "000000", now: at(6) })).toEqual(invalid);
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
      const policy = { ...defaultSignInPolicy, freeFailures: 10_000, perIpPerMinute: 10_000 };
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
