/** Which public keys a ward PC may register (RFC 7517 JWK, RFC 8037 OKP). */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { algorithmsFor, jwkThumbprint, parseLauncherJwk } from "./launcher-jwk";

const ec = (curve: string) => generateKeyPairSync("ec", { namedCurve: curve });
const p256 = ec("prime256v1");
const p256Public = p256.publicKey.export({ format: "jwk" });

describe("parseLauncherJwk", () => {
  it("keeps only the public members of an EC P-256 key, from an object or JSON text", async () => {
    const withExtras = { ...p256Public, kid: "WARDPC-OAK-01", alg: "ES256", use: "sig" };
    const expected = { kty: "EC", crv: "P-256", x: p256Public.x, y: p256Public.y };
    expect(await parseLauncherJwk(withExtras)).toEqual(expected);
    expect(await parseLauncherJwk(JSON.stringify(withExtras))).toEqual(expected);
    expect(algorithmsFor(expected as never)).toEqual(["ES256"]);
  });

  it("accepts an Ed25519 key for EdDSA", async () => {
    const jwk = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" });
    const parsed = await parseLauncherJwk(jwk);
    expect(parsed).toEqual({ kty: "OKP", crv: "Ed25519", x: jwk.x });
    expect(algorithmsFor(parsed)).toEqual(["EdDSA", "Ed25519"]);
  });

  it("refuses a private key pasted by mistake", async () => {
    const privateJwk = p256.privateKey.export({ format: "jwk" });
    await expect(parseLauncherJwk(privateJwk)).rejects.toThrow(/private key/);
    const edPrivate = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
    await expect(parseLauncherJwk(edPrivate)).rejects.toThrow(/private key/);
  });

  it.each([
    ["RSA", generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" })],
    ["P-384", ec("secp384r1").publicKey.export({ format: "jwk" })],
    ["secp256k1", ec("secp256k1").publicKey.export({ format: "jwk" })],
    ["X25519", generateKeyPairSync("x25519").publicKey.export({ format: "jwk" })],
    ["an HMAC secret", { kty: "oct", k: "c2VjcmV0" }],
    ["an array", [p256Public]],
    ["JSON text that is not JSON", "{kty: EC"],
  ])("refuses %s", async (_, jwk) => {
    await expect(parseLauncherJwk(jwk)).rejects.toMatchObject({ code: "bad_request" });
  });

  it("refuses a point that is not on the curve", async () => {
    const offCurve = { ...p256Public, y: p256Public.x };
    await expect(parseLauncherJwk(offCurve)).rejects.toThrow(/not a valid point/);
  });

  it("gives the RFC 7638 thumbprint, the same for the key however it is written", async () => {
    const parsed = await parseLauncherJwk(p256Public);
    const again = await parseLauncherJwk({ ...p256Public, kid: "x" });
    expect(await jwkThumbprint(parsed)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await jwkThumbprint(again)).toBe(await jwkThumbprint(parsed));
  });
});
