import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, type Keyring, keyIdOf, reencrypt, SecretBoxError } from "./secret-box";

const k0 = randomBytes(32);
const k1 = randomBytes(32);
const ring: Keyring = { currentKeyId: "k1", keys: { k1 } };
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

function flipByte(boxed: string, part: 2 | 3, index: number): string {
  const parts = boxed.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[index] = bytes[index]! ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secret box", () => {
  it("round-trips and names its key", () => {
    const boxed = encryptSecret(ring, secret);
    expect(boxed).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(boxed).not.toContain(secret);
    expect(keyIdOf(boxed)).toBe("k1");
    expect(decryptSecret(ring, boxed)).toBe(secret);
  });

  it("uses a fresh IV each time, so equal secrets do not look equal", () => {
    expect(encryptSecret(ring, secret)).not.toBe(encryptSecret(ring, secret));
  });

  it("detects a flipped byte in the ciphertext, the tag or the IV", () => {
    const boxed = encryptSecret(ring, secret);
    const bodyLength = Buffer.from(boxed.split(".")[3]!, "base64url").length;
    expect(() => decryptSecret(ring, flipByte(boxed, 3, 0))).toThrow(SecretBoxError);
    expect(() => decryptSecret(ring, flipByte(boxed, 3, bodyLength - 1))).toThrow(SecretBoxError);
    expect(() => decryptSecret(ring, flipByte(boxed, 2, 5))).toThrow(SecretBoxError);
  });

  it("refuses an unknown key id, and a value relabelled with another key id", () => {
    const boxed = encryptSecret(ring, secret);
    expect(() => decryptSecret({ currentKeyId: "k2", keys: { k2: k1 } }, boxed)).toThrow(
      /no key with id "k1"/,
    );
    // Same key bytes under another id: the id is associated data, so authentication fails.
    const relabelled = boxed.replace(".k1.", ".k2.");
    expect(() => decryptSecret({ currentKeyId: "k2", keys: { k2: k1 } }, relabelled)).toThrow(SecretBoxError);
    expect(() => decryptSecret({ currentKeyId: "k1", keys: { k1: k0 } }, boxed)).toThrow(SecretBoxError);
  });

  it("rejects malformed values", () => {
    for (const bad of ["", "v1.k1.abc", "v2.k1.aaaaaaaaaaaaaaaa.bbbb", "plain"]) {
      expect(() => decryptSecret(ring, bad)).toThrow(SecretBoxError);
    }
  });

  it("rotates: old rows still decrypt, new writes and reencrypt use the current key", () => {
    const old = encryptSecret({ currentKeyId: "k0", keys: { k0 } }, secret);
    const rotated: Keyring = { currentKeyId: "k1", keys: { k0, k1 } };
    expect(decryptSecret(rotated, old)).toBe(secret);
    expect(keyIdOf(encryptSecret(rotated, secret))).toBe("k1");
    const moved = reencrypt(rotated, old)!;
    expect(keyIdOf(moved)).toBe("k1");
    expect(decryptSecret({ currentKeyId: "k1", keys: { k1 } }, moved)).toBe(secret);
    expect(reencrypt(rotated, moved)).toBeUndefined();
  });
});
