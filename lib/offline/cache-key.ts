/**
 * The ward cache's encryption key and record sealing (docs/design.md section 7). The key is an
 * AES-GCM 256 WebCrypto key generated with `extractable: false`: it is stored in IndexedDB as
 * the CryptoKey object itself (the structured clone keeps it non-extractable), so page scripts
 * can use it but never read its bytes. One key per signed-in user and session ("key id").
 * Each record gets a fresh random 96-bit IV (NIST SP 800-38D section 8.2.2; never reused).
 */

import { CacheError } from "./cache-error";
import type { Shape } from "./shape";

export interface SealedRecord {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const ivBytes = 12;

export function generateCacheKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

/** True for a key the cache may use: AES-GCM, 256-bit, non-extractable, encrypt and decrypt. */
export function isUsableCacheKey(key: unknown): key is CryptoKey {
  if (!(key instanceof CryptoKey) || key.extractable || key.type !== "secret") return false;
  const algorithm = key.algorithm as AesKeyAlgorithm;
  return (
    algorithm.name === "AES-GCM" &&
    algorithm.length === 256 &&
    key.usages.includes("encrypt") &&
    key.usages.includes("decrypt")
  );
}

/** Hex SHA-256, so user and session ids are never stored in clear on the device. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function cacheKeyId(userId: string, sessionId: string): Promise<string> {
  return sha256Hex(`downtime-ward-cache\u0000${userId}\u0000${sessionId}`);
}

export async function encryptRecord(key: CryptoKey, value: unknown): Promise<SealedRecord> {
  const iv = crypto.getRandomValues(new Uint8Array(ivBytes));
  const plaintext = new TextEncoder().encode(JSON.stringify(value));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, plaintext);
  return { iv, data };
}

/**
 * Decrypts and validates a record. A wrong key, a tampered ciphertext (the GCM tag fails) or a
 * plaintext that does not match the schema are all "corrupt": the cache cannot be trusted.
 */
export async function decryptRecord<T>(key: CryptoKey, sealed: SealedRecord, schema: Shape<T>): Promise<T> {
  let text: string;
  try {
    const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, key, sealed.data);
    text = new TextDecoder().decode(plaintext);
  } catch (error) {
    throw new CacheError("corrupt", { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // No cause: V8's JSON SyntaxError quotes the text it could not parse.
    throw new CacheError("corrupt");
  }
  const parsed = schema.safeParse(json);
  // Nothing about the mismatch is attached: it could quote patient data from the plaintext.
  if (!parsed.success) throw new CacheError("corrupt");
  return parsed.data;
}
