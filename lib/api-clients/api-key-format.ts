/**
 * Integration API keys: `dtk_<prefix>_<secret>`.
 *
 * - `prefix`: 8 characters of the RFC 4648 base32 alphabet in lower case (40 bits). It is not a
 *   secret: it finds the `api_client` row (`key_prefix`) and lets operators tell keys apart.
 * - `secret`: 32 random bytes, base64url without padding (RFC 4648 §5), 43 characters.
 *
 * The `dtk_` marker makes a leaked key easy for secret scanners to spot. Pure: no I/O.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

const base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
const prefixLength = 8;
const secretBytes = 32;
/** "dtk_" + 8 + "_" + 43: base64url of 32 bytes is ceil(32 · 4 / 3) = 43 characters. */
const keyLength = 4 + prefixLength + 1 + 43;
const keyPattern = /^dtk_([a-z2-7]{8})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

export interface GeneratedApiKey extends ParsedApiKey {
  /** The whole key, shown to the operator once and never stored. */
  key: string;
}

export function generateApiKey(): GeneratedApiKey {
  // randomInt is uniform over [0, 32), so each prefix character carries exactly 5 bits.
  const prefix = Array.from({ length: prefixLength }, () => base32Alphabet[randomInt(32)]).join("");
  const secret = randomBytes(secretBytes).toString("base64url");
  return { key: `dtk_${prefix}_${secret}`, prefix, secret };
}

/** Splits a presented key; null when it is not exactly the shape above. */
export function parseApiKey(text: string): ParsedApiKey | null {
  // The length check first keeps absurd header values away from the regex.
  if (text.length !== keyLength) return null;
  const match = keyPattern.exec(text);
  if (!match) return null;
  return { prefix: match[1]!, secret: match[2]! };
}

/**
 * SHA-256 of the secret, hex. A fast hash is right here: the secret has 256 bits of entropy, so
 * guessing it from a stolen hash is infeasible however fast the hash is. Slow KDFs (bcrypt,
 * scrypt, argon2) exist for low-entropy passwords and would add tens of milliseconds of CPU to
 * every ingest request.
 */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compares the secret's hash with a stored one in constant time (no early exit on a mismatch). */
export function secretMatchesHash(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  // Both are SHA-256 digests, so lengths differ only for a corrupt row; length is not secret.
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/**
 * The key from `Authorization: Bearer <key>` (RFC 6750 §2.1; the scheme is case-insensitive,
 * RFC 9110 §11.1) or else `X-API-Key: <key>`. Another Authorization scheme (e.g. Basic for a
 * proxy in front) is ignored so that X-API-Key still works behind it. Null when neither is given.
 */
export function apiKeyFromHeaders(headers: Headers): string | null {
  const bearer = /^bearer +(\S+) *$/i.exec(headers.get("authorization") ?? "");
  if (bearer) return bearer[1]!;
  const header = headers.get("x-api-key")?.trim();
  return header ? header : null;
}

/** How a key is shown once it has been issued: the prefix only, never the secret. */
export function maskedApiKey(prefix: string): string {
  return `dtk_${prefix}_…`;
}

/** What a revoked key's holder is told (401); the refusal audit tells it from "not recognised" by it. */
export const revokedKeyMessage = "API key revoked";
