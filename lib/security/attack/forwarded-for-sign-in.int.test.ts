/**
 * Attack: spraying phone sign-ins while rotating X-Forwarded-For, to slip under the per-address
 * limit and write made-up addresses into the audit log. The address comes from the request's
 * headers exactly as the Auth.js providers read it (requestFacts), on every database adapter.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phoneSignIn } from "@/lib/auth/sign-in/phone-sign-in";
import { adminPrincipal, insertStaff } from "@/lib/auth/totp/totp.test-kit";
import type { Database } from "@/lib/db/types";
import { type Config, parseConfig } from "@/lib/env";
import { requestFacts } from "@/lib/server/http/request-facts";
import { setByodPolicy } from "@/lib/settings/downtime-switch";
import { reachableDatabases } from "@/test/databases.test-kit";

const perIpPerMinute = 4;
const forged = () => `${randomInt(1, 224)}.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

for (const target of await reachableDatabases()) {
  describe(`rotating X-Forwarded-For on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      const admin = await insertStaff(db, "trust\\admin");
      await setByodPolicy(db, adminPrincipal(admin), "always");
    });
    afterAll(() => drop());

    const spray = async (config: Config, forwardedFor: () => string) => {
      const reasons: string[] = [];
      for (let attempt = 0; attempt < perIpPerMinute + 2; attempt++) {
        const headers = new Headers({ "X-Forwarded-For": forwardedFor(), "User-Agent": "spray" });
        const facts = requestFacts(headers, config.trustedProxies);
        const outcome = await phoneSignIn(
          { config, db },
          { username: `trust\\guess${attempt}`, code: "123456", ...facts, now: new Date() },
        );
        reasons.push(outcome.ok ? "ok" : outcome.reason);
      }
      return reasons;
    };
    const recordedAddresses = async () => {
      const { rows } = await db.query<{ ip: string }>(
        "SELECT DISTINCT ip FROM sign_in_attempt UNION SELECT DISTINCT ip FROM audit_event WHERE action = 'sign-in.failed'",
      );
      return rows.map((row) => row.ip).sort();
    };

    it("still hits the per-address limit, and only the real address is recorded", async () => {
      const config = parseConfig({ SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE: String(perIpPerMinute) });
      // What a proxy in front sends: the client's forged entries, then the address it saw.
      const reasons = await spray(config, () => `${forged()}, ${forged()}, 198.51.100.20`);
      expect(reasons.slice(0, perIpPerMinute)).toEqual(Array(perIpPerMinute).fill("invalid"));
      expect(reasons.slice(perIpPerMinute)).toEqual(["rate-limited", "rate-limited"]);
      expect(await recordedAddresses()).toEqual(["198.51.100.20"]);
    });

    it("behind a trusted load balancer, the address the proxy saw is the client", async () => {
      await db.query("DELETE FROM sign_in_attempt");
      const config = parseConfig({
        SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE: String(perIpPerMinute),
        TRUSTED_PROXIES: "10.0.0.0/8",
      });
      const reasons = await spray(config, () => `${forged()}, 203.0.113.5, 10.0.4.1`);
      expect(reasons.at(-1)).toBe("rate-limited");
      const { rows } = await db.query<{ ip: string }>("SELECT DISTINCT ip FROM sign_in_attempt");
      expect(rows).toEqual([{ ip: "203.0.113.5" }]);
    });
  });
}
