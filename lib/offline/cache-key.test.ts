import { describe, expect, it } from "vitest";
import { CacheError } from "./cache-error";
import { cacheKeyId, decryptRecord, encryptRecord, generateCacheKey, isUsableCacheKey } from "./cache-key";
import * as z from "./shape";

const recordSchema = z.object({ name: z.string() });

describe("cache key", () => {
  it("is a non-extractable AES-GCM 256 key whose bytes cannot be exported", async () => {
    const key = await generateCacheKey();
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: "AES-GCM", length: 256 });
    expect(isUsableCacheKey(key)).toBe(true);
    await expect(crypto.subtle.exportKey("raw", key)).rejects.toThrow();
  });

  it("refuses an extractable key as a cache key", async () => {
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true, [
      "encrypt",
      "decrypt",
    ]);
    expect(isUsableCacheKey(key)).toBe(false);
    expect(isUsableCacheKey({ type: "secret" })).toBe(false);
  });

  it("key ids differ per user and per session and do not contain either id", async () => {
    const a = await cacheKeyId("user-1", "session-1");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await cacheKeyId("user-1", "session-2")).not.toBe(a);
    expect(await cacheKeyId("user-2", "session-1")).not.toBe(a);
  });
});

describe("encryptRecord and decryptRecord", () => {
  it("round-trips a record with a fresh 12-byte IV each time", async () => {
    const key = await generateCacheKey();
    const first = await encryptRecord(key, { name: "Zebedee Quartermain" });
    const second = await encryptRecord(key, { name: "Zebedee Quartermain" });
    expect(first.iv).toHaveLength(12);
    expect(first.iv).not.toEqual(second.iv);
    expect(new TextDecoder().decode(first.data)).not.toContain("Zebedee");
    expect(await decryptRecord(key, first, recordSchema)).toEqual({ name: "Zebedee Quartermain" });
  });

  it("treats a tampered ciphertext as corrupt", async () => {
    const key = await generateCacheKey();
    const sealed = await encryptRecord(key, { name: "A" });
    const bytes = new Uint8Array(sealed.data.slice(0));
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(
      decryptRecord(key, { iv: sealed.iv, data: bytes.buffer }, recordSchema),
    ).rejects.toMatchObject({
      kind: "corrupt",
    });
  });

  it("treats another session's key as corrupt", async () => {
    const sealed = await encryptRecord(await generateCacheKey(), { name: "A" });
    await expect(decryptRecord(await generateCacheKey(), sealed, recordSchema)).rejects.toBeInstanceOf(
      CacheError,
    );
  });

  it("rejects decrypted data that does not match the schema, without quoting it", async () => {
    const key = await generateCacheKey();
    const sealed = await encryptRecord(key, { name: 42, secret: "Zebedee" });
    const error = await decryptRecord(key, sealed, recordSchema).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "corrupt" });
    expect(String((error as Error).message)).not.toContain("Zebedee");
    expect((error as Error).cause).toBeUndefined();
  });
});
