import { describe, expect, it } from "vitest";
import { changeTokenCacheMs, createShortCache } from "./change-token-cache";

describe("the change poll's short cache", () => {
  it("lives at most half the 2 s poll interval", () => {
    expect(changeTokenCacheMs).toBeLessThanOrEqual(1_000);
  });

  it("shares one read between polls within its lifetime and reads again after it", async () => {
    let now = 0;
    let reads = 0;
    const cache = createShortCache(1_000, () => now);
    const load = async () => ++reads;
    expect(await Promise.all([cache.get("ward:a", load), cache.get("ward:a", load)])).toEqual([1, 1]);
    now = 999;
    expect(await cache.get("ward:a", load)).toBe(1);
    expect(await cache.get("ward:b", load)).toBe(2);
    now = 1_000;
    expect(await cache.get("ward:a", load)).toBe(3);
  });

  it("reads again at once after a write on this process, even over a read still in flight", async () => {
    let release: (value: string) => void = () => {};
    const cache = createShortCache(60_000, () => 0);
    const slow = cache.get("ward:a", () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate(); // the ingest route committed a message
    const fresh = cache.get("ward:a", async () => "after the write");
    release("before the write");
    expect(await slow).toBe("before the write");
    expect(await fresh).toBe("after the write");
    expect(await cache.get("ward:a", async () => "not read")).toBe("after the write");
  });

  it("keeps no failed read", async () => {
    const cache = createShortCache(60_000, () => 0);
    await expect(cache.get("k", async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await cache.get("k", async () => "ok")).toBe("ok");
  });
});
