/**
 * Authenticated encryption of short secrets at rest (TOTP seeds): AES-256-GCM with a random
 * 96-bit IV per message (NIST SP 800-38D §8.2.2), so a database dump alone reveals nothing and any
 * change to a stored value is detected. The text form names its key, so keys can rotate: new
 * writes use `currentKeyId`, older rows keep decrypting with the key they name until `reencrypt`
 * moves them on.
 *
 *   v1.<keyId>.<iv, base64url>.<ciphertext + 16-byte tag, base64url>
 *
 * The version and key id are bound in as associated data: moving a value to another key id or
 * format version fails authentication rather than decrypting under the wrong assumptions.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface Keyring {
  currentKeyId: string;
  /** 32-byte AES-256 keys by id. */
  keys: Record<string, Buffer>;
}

const version = "v1";
const ivBytes = 12;
const tagBytes = 16;
const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

export class SecretBoxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SecretBoxError";
  }
}

function keyFor(keyring: Keyring, keyId: string): Buffer {
  const key = Object.hasOwn(keyring.keys, keyId) ? keyring.keys[keyId] : undefined;
  if (!key) throw new SecretBoxError(`no key with id "${keyId}" in the keyring`);
  if (key.length !== 32) throw new SecretBoxError(`key "${keyId}" is not 32 bytes`);
  return key;
}

const associatedData = (keyId: string) => Buffer.from(`${version}.${keyId}`, "utf8");

/** Encrypts with the keyring's current key. */
export function encryptSecret(keyring: Keyring, plaintext: string): string {
  const keyId = keyring.currentKeyId;
  if (!keyIdPattern.test(keyId)) throw new SecretBoxError("key ids are 1–32 of [A-Za-z0-9_-]");
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv("aes-256-gcm", keyFor(keyring, keyId), iv, { authTagLength: tagBytes });
  cipher.setAAD(associatedData(keyId));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [version, keyId, iv.toString("base64url"), body.toString("base64url")].join(".");
}

/** The key id a stored value names (for the `key_id` column and rotation jobs). */
export function keyIdOf(boxed: string): string {
  return parse(boxed).keyId;
}

function parse(boxed: string) {
  const parts = boxed.split(".");
  const [v, keyId, iv, body] = parts;
  if (parts.length !== 4 || v !== version || !keyId || !iv || !body) {
    throw new SecretBoxError("not a v1 secret box");
  }
  return { keyId, iv: Buffer.from(iv, "base64url"), body: Buffer.from(body, "base64url") };
}

/** Decrypts with the key the value names; throws `SecretBoxError` if it was altered. */
export function decryptSecret(keyring: Keyring, boxed: string): string {
  const { keyId, iv, body } = parse(boxed);
  if (iv.length !== ivBytes || body.length < tagBytes) throw new SecretBoxError("malformed secret box");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(keyring, keyId), iv, { authTagLength: tagBytes });
  decipher.setAAD(associatedData(keyId));
  decipher.setAuthTag(body.subarray(body.length - tagBytes));
  try {
    return Buffer.concat([
      decipher.update(body.subarray(0, body.length - tagBytes)),
      decipher.final(),
    ]).toString("utf8");
  } catch (error) {
    throw new SecretBoxError("secret box failed authentication (altered, or the wrong key)", {
      cause: error,
    });
  }
}

/** For a rotation job: the value under the current key, or `undefined` if it already is. */
export function reencrypt(keyring: Keyring, boxed: string): string | undefined {
  if (keyIdOf(boxed) === keyring.currentKeyId) return undefined;
  return encryptSecret(keyring, decryptSecret(keyring, boxed));
}
