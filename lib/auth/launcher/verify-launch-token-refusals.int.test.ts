/** Every attack on the launcher sign-in is refused, with its own reason, on every database. */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { registerDevice, revokeDevice } from "./devices";
import {
  audience,
  compactJws,
  es256Signer,
  hs256Signer,
  launchClaims,
  newP256,
  noSignature,
  rs256Signer,
  type Signer,
} from "./launch-token.test-kit";
import { verifyLaunchToken } from "./verify-launch-token";

const by = { username: "rxd\\admin" };
const device = "WARDPC-OAK-01";
const now = new Date("2026-11-20T09:00:00Z");
const seconds = Math.floor(now.getTime() / 1000);

for (const target of await reachableDatabases()) {
  describe(`verifyLaunchToken refuses on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let key: KeyObject;
    let publicPem: string;
    const header = (overrides: Record<string, unknown> = {}) => ({
      alg: "ES256",
      typ: "JWT",
      kid: device,
      ...overrides,
    });
    const token = (
      claims: Record<string, unknown> = {},
      head = header(),
      signer: Signer = es256Signer(key),
    ) => compactJws(head, launchClaims(device, now, claims), signer);
    const verify = (jwt: string) => verifyLaunchToken(db, jwt, { audience, now });

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      const p256 = newP256();
      key = p256.privateKey;
      publicPem = p256.publicKey.export({ type: "spki", format: "pem" }).toString();
      await registerDevice(db, {
        id: device,
        name: "Oak desk",
        location: "Oak ward",
        publicJwk: p256.jwk,
        by,
      });
    });
    afterAll(() => drop());

    it("accepts the well-formed token these refusals are variations of", async () => {
      expect(await verify(token())).toMatchObject({ ok: true, username: "rxd\\jbloggs", deviceId: device });
    });

    it.each([
      ["expired", { iat: seconds - 200, exp: seconds - 110 }],
      ["not-yet-valid", { iat: seconds + 300, exp: seconds + 390 }],
      ["wrong-audience", { aud: "https://evil.example" }],
      ["lifetime-too-long", { exp: seconds + 121 }],
      ["device-mismatch", { device: "WARDPC-ELM-02" }],
      ["bad-subject", { sub: "jbloggs" }],
      ["bad-subject", { sub: "RXD\\j bloggs; DROP" }],
      ["malformed", { jti: 42 }],
    ])("refuses a token whose claims make it %s", async (reason, claims) => {
      expect(await verify(token(claims))).toEqual({ ok: false, reason, deviceId: device });
    });

    it("accepts a PC clock up to the allowed skew ahead, but not a token expired beyond it", async () => {
      expect(await verify(token({ iat: seconds + 25, exp: seconds + 115 }))).toMatchObject({ ok: true });
      expect(await verify(token({ iat: seconds - 150, exp: seconds - 31 }))).toMatchObject({
        reason: "expired",
      });
    });

    it('refuses alg "none" with no signature (RFC 7518 §3.6)', async () => {
      const jwt = token({}, header({ alg: "none" }), noSignature);
      expect(await verify(jwt)).toMatchObject({ ok: false, reason: "wrong-algorithm" });
    });

    it("refuses an ES256 token with its signature stripped", async () => {
      expect(await verify(token({}, header(), noSignature))).toMatchObject({
        ok: false,
        reason: "bad-signature",
      });
    });

    it("refuses a token signed by a different key", async () => {
      const other = es256Signer(newP256().privateKey);
      expect(await verify(token({}, header(), other))).toMatchObject({ ok: false, reason: "bad-signature" });
    });

    it("ignores a key embedded in the header (jwk, RFC 7515 §4.1.3) and uses only the registered one", async () => {
      const attacker = newP256();
      const jwt = token({}, header({ jwk: attacker.jwk }), es256Signer(attacker.privateKey));
      expect(await verify(jwt)).toMatchObject({ ok: false, reason: "bad-signature" });
    });

    it("refuses HS256 signed with the device's public key as the HMAC secret (key confusion)", async () => {
      for (const secret of [publicPem, JSON.stringify(newP256().jwk)]) {
        const jwt = token({}, header({ alg: "HS256" }), hs256Signer(secret));
        expect(await verify(jwt)).toMatchObject({ ok: false, reason: "wrong-algorithm" });
      }
    });

    it("refuses RS256, even validly signed by some RSA key", async () => {
      const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      const jwt = token({}, header({ alg: "RS256" }), rs256Signer(rsa));
      expect(await verify(jwt)).toMatchObject({ ok: false, reason: "wrong-algorithm" });
    });

    it("refuses a replayed token: each jti is accepted once", async () => {
      const jwt = token();
      expect(await verify(jwt)).toMatchObject({ ok: true });
      expect(await verify(jwt)).toEqual({ ok: false, reason: "replayed", deviceId: device });
    });

    it("does not burn the jti of a refused token", async () => {
      const jti = crypto.randomUUID();
      expect(await verify(token({ jti, sub: "nobody" }))).toMatchObject({ reason: "bad-subject" });
      expect(await verify(token({ jti }))).toMatchObject({ ok: true });
    });

    it("refuses a token from an unknown device, and a kid that is no device id at all", async () => {
      expect(await verify(token({}, header({ kid: "WARDPC-NOPE-99" })))).toMatchObject({
        reason: "unknown-device",
      });
      expect(await verify(token({}, header({ kid: "../etc" })))).toMatchObject({ reason: "malformed" });
      expect(await verify(token({}, header({ kid: undefined })))).toMatchObject({ reason: "malformed" });
    });

    it.each([
      ["empty", ""],
      ["two parts", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0"],
      ["not base64url JSON", "abc.def.ghi"],
      ["a JWE (five parts)", "a.b.c.d.e"],
      ["padding and spaces", "eyJhbGciOiJFUzI1NiJ9=.e30 .AA"],
    ])("refuses a malformed token: %s", async (_, jwt) => {
      expect(await verify(jwt)).toMatchObject({ ok: false, reason: "malformed" });
    });

    it("refuses a revoked device at once, even a fresh token signed with its key", async () => {
      const { privateKey, jwk } = newP256();
      await registerDevice(db, {
        id: "WARDPC-ELM-02",
        name: "Elm",
        location: "Elm ward",
        publicJwk: jwk,
        by,
      });
      const fresh = () =>
        compactJws(
          header({ kid: "WARDPC-ELM-02" }),
          launchClaims("WARDPC-ELM-02", now),
          es256Signer(privateKey),
        );
      expect(await verify(fresh())).toMatchObject({ ok: true });
      await revokeDevice(db, "WARDPC-ELM-02", by);
      expect(await verify(fresh())).toEqual({
        ok: false,
        reason: "revoked-device",
        deviceId: "WARDPC-ELM-02",
      });
    });
  });
}
