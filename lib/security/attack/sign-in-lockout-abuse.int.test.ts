/**
 * Attack: using phone sign-in's failure counting against people. Five wrong codes used to lock a
 * named account for 15 minutes from anywhere (keep sending them and its owner never gets in), and
 * only real accounts ever answered "locked", which listed who exists. Played through phoneSignIn
 * as the app runs it, on every database adapter: the owner's own phone still signs in, a name
 * nobody holds is answered word for word like a real one, and a spread-out attack alerts IG once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { keyringFromConfig } from "@/lib/auth/secrets/keyring-from-config";
import { phoneSignIn } from "@/lib/auth/sign-in/phone-sign-in";
import type { SignInOutcome } from "@/lib/auth/sign-in/sign-in-user";
import { oathtool, secretOf } from "@/lib/auth/totp/oathtool.test-kit";
import { adminPrincipal, insertStaff } from "@/lib/auth/totp/totp.test-kit";
import type { Database } from "@/lib/db/types";
import { issuePrintedEnrolments } from "@/lib/enrolment/printed-sheets";
import { parseConfig } from "@/lib/env";
import { setByodPolicy } from "@/lib/settings/downtime-switch";
import { reachableDatabases } from "@/test/databases.test-kit";

const config = parseConfig({
  APP_ENV: "prod",
  AUTH_SECRET: "x".repeat(32),
  PUBLIC_ORIGIN: "https://downtime.example.nhs.uk",
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
});
const t0 = new Date("2026-11-20T08:00:10Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const ownPhone = "198.51.100.77";
const wrongCode = "000000";

for (const target of await reachableDatabases()) {
  describe(`sign-in lock-out abuse on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let secret: string;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      const admin = await insertStaff(db, "trust\\admin");
      await setByodPolicy(db, adminPrincipal(admin), "always");
    });
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of [
        "sign_in_attempt",
        "sign_in_backoff",
        "audit_event",
        "auth_session",
        "totp_credential",
      ]) {
        await db.query(`DELETE FROM ${table}`);
      }
      await db.query("DELETE FROM staff_user WHERE username = 'trust\\kate'");
      const kate = await insertStaff(db, "trust\\kate");
      const [card] = await issuePrintedEnrolments(db, {
        userIds: [kate],
        now: t0,
        keyring: keyringFromConfig(config),
        environment: "prod",
        issuedBy: adminPrincipal(kate),
      });
      secret = secretOf(card!.otpauthUri);
    });

    const attempt = (username: string, code: string, ip: string, now: Date) =>
      phoneSignIn({ config, db }, { username, code, ip, userAgent: "attack", now });
    /** What the sign-in page would show: the refusal's message, or that it worked. */
    const answer = async (outcome: Promise<SignInOutcome>) => {
      const settled = await outcome;
      return settled.ok ? "signed in" : settled.message;
    };
    const reason = async (outcome: Promise<SignInOutcome>) => {
      const settled = await outcome;
      return settled.ok ? "signed in" : settled.reason;
    };
    const actions = async (action: string) => {
      const { rows } = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = $1",
        [action],
      );
      return rows[0]!.n;
    };

    it("keeps guessing at a colleague's name from another device: the owner's phone still signs in", async () => {
      for (let round = 0; round < 20; round++) {
        await attempt("TRUST\\kate", wrongCode, "203.0.113.66", at(round));
      }
      expect(await attempt("TRUST\\kate", oathtool(secret, at(30)), ownPhone, at(30))).toMatchObject({
        ok: true,
      });
      expect(await actions("account.locked")).toBe(0);
    });

    it("cannot tell a real name from one nobody holds, or from a look-alike, by any answer", async () => {
      const answers = async (username: string, ip: string) => {
        const messages: string[] = [];
        for (let i = 0; i < 7; i++) messages.push(await answer(attempt(username, wrongCode, ip, at(i))));
        return messages;
      };
      const real = await answers("TRUST\\kate", "203.0.113.1");
      expect(real.slice(0, 5).every((message) => message.includes("did not match"))).toBe(true);
      expect(real.slice(5)).toEqual([
        "Too many attempts from this device; wait 29 seconds and try again.",
        "Too many attempts from this device; wait 28 seconds and try again.",
      ]);
      expect(await answers("TRUST\\katie", "203.0.113.2")).toEqual(real);
      expect(await answers("TRUST\\\u212Aate", "203.0.113.3")).toEqual(real);
      expect(real.join(" ")).not.toMatch(/lock/i);
    });

    it("spreads guesses over many addresses: one IG alert, failing devices slowed, the owner never", async () => {
      // Ten addresses, five wrong codes each: 50 failures against one name within the hour.
      for (let device = 0; device < 10; device++) {
        for (let i = 0; i < 5; i++)
          await attempt("trust\\kate", wrongCode, `203.0.113.${100 + device}`, at(i));
      }
      expect(await actions("sign-in.attack-suspected")).toBe(1);
      // A fresh address now gets one guess before it must wait; more guesses raise no more alerts.
      expect(await reason(attempt("trust\\kate", wrongCode, "203.0.113.200", at(10)))).toBe("invalid");
      expect(await answer(attempt("trust\\kate", wrongCode, "203.0.113.200", at(11)))).toMatch(
        /wait 29 seconds/,
      );
      expect(await reason(attempt("trust\\kate", wrongCode, "203.0.113.201", at(12)))).toBe("invalid");
      expect(await actions("sign-in.attack-suspected")).toBe(1);
      // The owner's phone has not failed, so it is never slowed.
      expect(await attempt("trust\\kate", oathtool(secret, at(13)), ownPhone, at(13))).toMatchObject({
        ok: true,
      });
      const { rows } = await db.query<{ detail: string; user_id: string | null; username: string }>(
        "SELECT detail, user_id, username FROM audit_event WHERE action = 'sign-in.attack-suspected'",
      );
      expect(rows[0]!.username).toBe("trust\\kate");
      expect(JSON.parse(rows[0]!.detail)).toEqual({ failures: 50, devices: 10, windowMinutes: 60 });
    });
  });
}
