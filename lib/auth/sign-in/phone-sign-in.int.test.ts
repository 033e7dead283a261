/**
 * Phone sign-in as the app runs it (config in, session out), on every reachable adapter: the
 * secrets it reads are decrypted with the whole configured keyring, so a key rotation (a new
 * DATA_ENCRYPTION_KEY_ID, the old key in DATA_ENCRYPTION_KEYS_PREVIOUS) keeps enrolled phones working.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyringFromConfig } from "@/lib/auth/secrets/keyring-from-config";
import { oathtool, secretOf } from "@/lib/auth/totp/oathtool.test-kit";
import { totpCodeAt } from "@/lib/auth/totp/totp";
import { adminPrincipal, insertStaff } from "@/lib/auth/totp/totp.test-kit";
import type { Database } from "@/lib/db/types";
import { issuePrintedEnrolments } from "@/lib/enrolment/printed-sheets";
import type { Config } from "@/lib/env";
import { setByodPolicy } from "@/lib/settings/downtime-switch";
import { reachableDatabases } from "@/test/databases.test-kit";
import { domainRequiredMessage } from "./bare-username";
import { phoneSignIn } from "./phone-sign-in";

const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("base64");
const before = {
  appEnv: "prod",
  dataDir: "/nonexistent",
  dataEncryptionKey: oldKey,
  dataEncryptionKeyId: "k1",
};
const rotated = {
  ...before,
  dataEncryptionKey: newKey,
  dataEncryptionKeyId: "k2",
  dataEncryptionKeysPrevious: `k1:${oldKey}`,
};
const facts = { ip: "192.0.2.10", userAgent: "Mozilla/5.0 (iPhone)" };

for (const target of await reachableDatabases()) {
  describe(`phoneSignIn on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => ({ db, drop } = await target.create()));
    afterAll(() => drop());

    it("signs in a phone enrolled under the previous key after the key is rotated", async () => {
      const now = new Date();
      const userId = await insertStaff(db, "trust\\rotated");
      await setByodPolicy(db, adminPrincipal(userId), "always");
      const [card] = await issuePrintedEnrolments(db, {
        userIds: [userId],
        now,
        keyring: keyringFromConfig({ ...before, appEnv: "prod" }),
        environment: "prod",
        issuedBy: adminPrincipal(userId),
      });
      const code = oathtool(secretOf(card!.otpauthUri), now);
      const outcome = await phoneSignIn(
        { config: rotated as unknown as Config, db },
        { username: "TRUST\\rotated", code, ...facts, now },
      );
      expect(outcome).toMatchObject({ ok: true });
    });

    async function enrolledCode(username: string, now: Date) {
      const userId = await insertStaff(db, username);
      await setByodPolicy(db, adminPrincipal(userId), "always");
      const [card] = await issuePrintedEnrolments(db, {
        userIds: [userId],
        now,
        keyring: keyringFromConfig({ ...rotated, appEnv: "prod" }),
        environment: "prod",
        issuedBy: adminPrincipal(userId),
      });
      return totpCodeAt(secretOf(card!.otpauthUri), now);
    }

    it("signs in a username typed without its domain while one domain signs in here", async () => {
      const now = new Date();
      const code = await enrolledCode("trust\\barename", now);
      const outcome = await phoneSignIn(
        { config: rotated as unknown as Config, db },
        { username: "BareName", code, ...facts, now },
      );
      expect(outcome).toMatchObject({ ok: true });
    });

    it("refuses a bare username once a second domain signs in here, and audits the refusal", async () => {
      const now = new Date();
      await insertStaff(db, "trust\\firstdomain");
      const code = await enrolledCode("north\\secondname", now);
      const outcome = await phoneSignIn(
        { config: rotated as unknown as Config, db },
        { username: "secondname", code, ...facts, now },
      );
      expect(outcome).toMatchObject({ ok: false, reason: "domain-required", message: domainRequiredMessage });
      const { rows } = await db.query<{ detail: string }>(
        "SELECT detail FROM audit_event WHERE action = 'sign-in.failed' AND outcome = 'refused'",
      );
      expect(rows.map((row) => JSON.parse(row.detail))).toContainEqual({
        reason: "domain-required",
        subject: "secondname",
      });
    });
  });
}
