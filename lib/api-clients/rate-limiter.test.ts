import { describe, expect, it } from "vitest";
import { ingestRateLimiter, RateLimiter } from "./rate-limiter";

const start = 1_700_000_000_000;

function takeMany(limiter: RateLimiter, clientId: string, limit: number, count: number, now: number) {
  return Array.from({ length: count }, () => limiter.take(clientId, limit, now));
}

describe("RateLimiter", () => {
  it("allows a burst of a full minute's allowance, then refuses", () => {
    const limiter = new RateLimiter();
    const decisions = takeMany(limiter, "engine", 60, 60, start);
    expect(decisions.every((decision) => decision.allowed)).toBe(true);
    expect(limiter.take("engine", 60, start)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("refills continuously at limit/60 per second", () => {
    const limiter = new RateLimiter();
    takeMany(limiter, "engine", 60, 60, start);
    expect(limiter.take("engine", 60, start + 500).allowed).toBe(false);
    // One token a second: a second later exactly one more request goes through.
    expect(limiter.take("engine", 60, start + 1_500).allowed).toBe(true);
    expect(limiter.take("engine", 60, start + 1_500).allowed).toBe(false);
    // Ten seconds later, ten more; never more than capacity however long the pause.
    expect(takeMany(limiter, "engine", 60, 11, start + 11_500).filter((d) => d.allowed)).toHaveLength(10);
    expect(takeMany(limiter, "engine", 60, 61, start + 3_600_000).filter((d) => d.allowed)).toHaveLength(60);
  });

  it("says how long to wait, rounded up to whole seconds and never 0", () => {
    const limiter = new RateLimiter();
    takeMany(limiter, "slow", 6, 6, start);
    // 6 a minute is one token every 10 s.
    expect(limiter.take("slow", 6, start)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take("slow", 6, start + 2_500)).toEqual({ allowed: false, retryAfterSeconds: 8 });
    expect(limiter.take("slow", 6, start + 9_999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take("slow", 6, start + 10_000)).toEqual({ allowed: true });
  });

  it("keeps clients apart", () => {
    const limiter = new RateLimiter();
    takeMany(limiter, "a", 2, 2, start);
    expect(limiter.take("a", 2, start).allowed).toBe(false);
    expect(limiter.take("b", 2, start).allowed).toBe(true);
  });

  it("follows a lowered limit at once", () => {
    const limiter = new RateLimiter();
    limiter.take("engine", 6_000, start);
    expect(takeMany(limiter, "engine", 3, 4, start).filter((d) => d.allowed)).toHaveLength(3);
  });

  it("does not refill when the clock steps backwards", () => {
    const limiter = new RateLimiter();
    takeMany(limiter, "engine", 60, 60, start);
    expect(limiter.take("engine", 60, start - 30_000).allowed).toBe(false);
  });

  it("evicts buckets idle for a minute (they would be full again anyway)", () => {
    const limiter = new RateLimiter();
    limiter.take("a", 60, start);
    limiter.take("b", 60, start + 30_000);
    expect(limiter.size).toBe(2);
    limiter.take("c", 60, start + 60_000);
    expect(limiter.size).toBe(2);
    limiter.take("d", 60, start + 120_000);
    expect(limiter.size).toBe(1);
    // An evicted client comes back with a full bucket, as if it had been kept.
    expect(takeMany(limiter, "a", 60, 61, start + 120_000).filter((d) => d.allowed)).toHaveLength(60);
  });

  it("holds at most maxBuckets, dropping the least recently used", () => {
    const limiter = new RateLimiter({ maxBuckets: 3 });
    for (const id of ["a", "b", "c"]) takeMany(limiter, id, 2, 2, start);
    limiter.take("a", 2, start + 1);
    limiter.take("d", 2, start + 2);
    expect(limiter.size).toBe(3);
    // "b" was the least recently used, so it starts again full; "a" is still empty.
    expect(limiter.take("b", 2, start + 3).allowed).toBe(true);
    expect(limiter.take("a", 2, start + 3).allowed).toBe(false);
  });
});

describe("ingestRateLimiter", () => {
  it("is one limiter per process", () => {
    expect(ingestRateLimiter()).toBe(ingestRateLimiter());
  });
});
