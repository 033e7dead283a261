/**
 * Test support only (imported by *.test.ts files here, never by the app): builds launcher tokens
 * the way an attacker or another implementation would, byte by byte (RFC 7515 §7.1 compact form),
 * so the verifier is tested against tokens our launcher did not make.
 */
import { spawnSync } from "node:child_process";
import { createHmac, generateKeyPairSync, type KeyObject, randomUUID, sign } from "node:crypto";
import { userInfo } from "node:os";
import { fileURLToPath } from "node:url";

export const audience = "https://downtime.example";
export const launcherScript = fileURLToPath(
  new URL("../../../launcher/downtime-launcher.mjs", import.meta.url),
);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export type Signer = (signingInput: Buffer) => Buffer;

/** header.payload.signature from any header, claims and signing function. */
export function compactJws(header: Record<string, unknown>, claims: Record<string, unknown>, signer: Signer) {
  const signingInput = `${b64(header)}.${b64(claims)}`;
  return `${signingInput}.${signer(Buffer.from(signingInput)).toString("base64url")}`;
}

export const es256Signer =
  (key: KeyObject): Signer =>
  (input) =>
    sign("sha256", input, { key, dsaEncoding: "ieee-p1363" });
export const rs256Signer =
  (key: KeyObject): Signer =>
  (input) =>
    sign("sha256", input, key);
export const eddsaSigner =
  (key: KeyObject): Signer =>
  (input) =>
    sign(null, input, key);
export const hs256Signer =
  (secret: string | Buffer): Signer =>
  (input) =>
    createHmac("sha256", secret).update(input).digest();
export const noSignature: Signer = () => Buffer.alloc(0);

export function newP256() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return { privateKey, publicKey, jwk: publicKey.export({ format: "jwk" }) };
}

/** Claims as the launcher writes them (RFC 7519 §4.1), `iat` from `now`; override any of them. */
export function launchClaims(deviceId: string, now: Date, overrides: Record<string, unknown> = {}) {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    sub: "RXD\\jbloggs",
    aud: audience,
    iat,
    exp: iat + 90,
    jti: randomUUID(),
    device: deviceId,
    ...overrides,
  };
}

/** An ECDSA DER signature (SEQUENCE of INTEGER r, INTEGER s) as JWS wants it: raw r||s, 32 bytes each. */
export function derToJose(der: Buffer): Buffer {
  let offset = 2;
  if (der[0] !== 0x30) throw new Error("not a DER SEQUENCE");
  if (der[1]! & 0x80) offset += der[1]! & 0x7f; // long-form length
  const integer = () => {
    if (der[offset] !== 0x02) throw new Error("not a DER INTEGER");
    const length = der[offset + 1]!;
    const bytes = der.subarray(offset + 2, offset + 2 + length);
    offset += 2 + length;
    const trimmed = bytes.subarray(bytes.length > 32 ? bytes.length - 32 : 0); // drop the sign byte
    return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
  };
  return Buffer.concat([integer(), integer()]);
}

/** Signs with the openssl command-line tool, then converts its DER signature. */
export const opensslSigner =
  (keyFile: string): Signer =>
  (input) => {
    const result = spawnSync("openssl", ["dgst", "-sha256", "-sign", keyFile], { input });
    if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr.toString()}`);
    return derToJose(result.stdout);
  };

/** Runs the real launcher CLI with --dry-run and returns the token from the URL fragment. */
export function tokenFromLauncher(deviceId: string, keyFile: string, app = `${audience}/`) {
  const result = spawnSync(
    process.execPath,
    [launcherScript, "launch", "--device", deviceId, "--key", keyFile, "--app", app, "--dry-run"],
    { env: { ...process.env, USERDOMAIN: "RXD" }, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`launcher failed: ${result.stderr}`);
  const url = new URL(result.stdout.trim());
  return { url, token: new URLSearchParams(url.hash.slice(1)).get("token") ?? "" };
}

export const expectedLauncherUser = () => `rxd\\${userInfo().username.toLowerCase()}`;
