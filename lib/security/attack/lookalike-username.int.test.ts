/**
 * Attack: a Unicode look-alike of a real user's name. JavaScript lower-cases the Kelvin sign
 * (U+212A) to "k" and NFKC turns full-width letters into ASCII, so "TRUST\<Kelvin>ate" used to
 * sign in as trust\kate. Every sign-in path now refuses a non-ASCII name unless the directory
 * holds exactly that name, audits the refusal with what was sent, and the admin directory never
 * stores a name that only folds into ASCII.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDevice } from "@/lib/auth/launcher/devices";
import {
  audience,
  compactJws,
  es256Signer,
  launchClaims,
  newP256,
} from "@/lib/auth/launcher/launch-token.test-kit";
import { keyringFromConfig } from "@/lib/auth/secrets/keyring-from-config";
import { launcherSignIn } from "@/lib/auth/sign-in/launcher-sign-in";
import { phoneSignIn } from "@/lib/auth/sign-in/phone-sign-in";
import { secretOf } from "@/lib/auth/totp/oathtool.test-kit";
import { totpCodeAt } from "@/lib/auth/totp/totp";
import { adminPrincipal, insertStaff } from "@/lib/auth/totp/totp.test-kit";
import type { Database } from "@/lib/db/types";
import { issuePrintedEnrolments } from "@/lib/enrolment/printed-sheets";
import { parseConfig } from "@/lib/env";
import { setByodPolicy } from "@/lib/settings/downtime-switch";
import { usernameSchema } from "@/lib/staff/staff-schema";
import { reachableDatabases } from "@/test/databases.test-kit";

const kelvin = "TRUST\\\u212Aate"; // KELVIN SIGN, not K
const fullWidth = "ＴＲＵＳＴ＼ｋａｔｅ";
const facts = { ip: "192.0.2.30", userAgent: "test" };
const config = parseConfig({
  APP_ENV: "prod",
  AUTH_SECRET: "x".repeat(32),
  PUBLIC_ORIGIN: audience,
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
});

describe("the staff directory", () => {
  it("refuses to store a name that only becomes plain ASCII once folded", () => {
    expect(usernameSchema.safeParse(kelvin).success).toBe(false);
    expect(usernameSchema.safeParse(fullWidth).success).toBe(false);
    expect(usernameSchema.parse("TRUST\\Kate")).toBe("trust\\kate");
  });
});

for (const target of await reachableDatabases()) {
  describe(`look-alike usernames on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    const key = newP256();
    const launch = (sub: string) =>
      launcherSignIn(db, {
        token: compactJws(
          { alg: "ES256", typ: "JWT", kid: "PC-9" },
          launchClaims("PC-9", new Date(), { sub }),
          es256Signer(key.privateKey),
        ),
        audience,
        appEnv: "prod",
        ...facts,
        now: new Date(),
      });
    const refusals = async () => {
      const { rows } = await db.query<{ username: string; detail: string; method: string }>(
        "SELECT username, detail, method FROM audit_event WHERE action = 'sign-in.failed' ORDER BY recorded_at",
      );
      return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) }));
    };
    const sessions = async () =>
      Number((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM auth_session")).rows[0]!.n);

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await db.query(
        `INSERT INTO staff_user (username, display_name, roles, enabled, non_prod_allowed)
         VALUES ('trust\\kate', 'Kate Nurse', '["clinician"]', true, true)`,
      );
      await registerDevice(db, {
        id: "PC-9",
        name: "Oak PC",
        location: "Oak",
        publicJwk: { ...key.jwk, kid: "PC-9" },
        by: { username: "admin" },
      });
    });
    afterAll(() => drop());

    it("refuses a launcher token whose sub is a look-alike, and audits what was sent", async () => {
      for (const sub of [kelvin, fullWidth]) {
        expect(await launch(sub)).toMatchObject({ ok: false, reason: "look-alike-username" });
      }
      expect(await sessions()).toBe(0);
      expect(await refusals()).toEqual([
        {
          method: "launcher",
          username: "trust\\kate",
          detail: { reason: "look-alike-username", subject: "TRUST\\\\u212Aate" },
        },
        {
          method: "launcher",
          username: "trust\\kate",
          detail: {
            reason: "look-alike-username",
            subject: expect.stringMatching(/^\\uFF34\\uFF32\\uFF35\\uFF33\\uFF34\\uFF3C\\uFF4B/),
          },
        },
      ]);
      // The real name, in any case, still signs in.
      expect(await launch("TRUST\\Kate")).toMatchObject({ ok: true });
    });

    it("refuses a phone sign-in with a look-alike even with the right code, which stays unspent", async () => {
      const now = new Date();
      const kate = (
        await db.query<{ id: string }>("SELECT id FROM staff_user WHERE username = 'trust\\kate'")
      ).rows[0]!.id;
      const admin = await insertStaff(db, "trust\\admin");
      await setByodPolicy(db, adminPrincipal(admin), "always");
      const [card] = await issuePrintedEnrolments(db, {
        userIds: [kate],
        now,
        keyring: keyringFromConfig(config),
        environment: "prod",
        issuedBy: adminPrincipal(admin),
      });
      const code = await totpCodeAt(secretOf(card!.otpauthUri), now);
      const phone = (username: string) => phoneSignIn({ config, db }, { username, code, ...facts, now });

      expect(await phone(kelvin)).toMatchObject({
        ok: false,
        reason: "look-alike-username",
        message: expect.stringMatching(/did not match/),
      });
      expect(await phone("trust\\jösé")).toMatchObject({ ok: false, reason: "non-ascii-username" });
      expect((await refusals()).slice(-2)).toMatchObject([
        { method: "byod", username: "trust\\kate", detail: { reason: "look-alike-username" } },
        { method: "byod", username: "trust\\jösé", detail: { reason: "non-ascii-username" } },
      ]);
      expect(await phone("TRUST\\Kate")).toMatchObject({ ok: true });
    });
  });
}
