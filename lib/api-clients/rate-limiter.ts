/**
 * Token bucket per API client: capacity = the client's limit per minute, refilled continuously at
 * limit/60 tokens a second, one token per request. An engine may burst up to a full minute's
 * allowance after a quiet spell (catching up a queue after an outage) but not sustain more.
 *
 * The buckets live in this process's memory, so the limit holds per server instance (per Lambda
 * instance when deployed): N instances admit up to N × the limit. That is deliberate; it keeps
 * the ingest hot path free of a shared store. A global ceiling belongs to the WAF rate rule in
 * front of the app. Pure apart from the clock, which callers pass in.
 */

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateLimiterOptions {
  /** Hard cap on buckets held; the least recently used go first. */
  maxBuckets?: number;
}

const minuteMs = 60_000;

export class RateLimiter {
  // Map keeps insertion order; every take re-inserts its key, so the first entries are the idlest.
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxBuckets: number;

  constructor(options: RateLimiterOptions = {}) {
    this.maxBuckets = options.maxBuckets ?? 10_000;
  }

  take(clientId: string, limitPerMinute: number, now: number = Date.now()): RateLimitDecision {
    const capacity = Math.max(1, limitPerMinute);
    const perMs = capacity / minuteMs;
    const previous = this.buckets.get(clientId);
    this.buckets.delete(clientId);
    // A new client starts full. A clock that steps backwards refills nothing (elapsed ≥ 0).
    const tokens = previous
      ? Math.min(capacity, previous.tokens + Math.max(0, now - previous.updatedAt) * perMs)
      : capacity;
    // The epsilon absorbs floating-point drift, so a client pacing itself exactly is not refused.
    const allowed = tokens >= 1 - 1e-9;
    this.buckets.set(clientId, { tokens: allowed ? tokens - 1 : tokens, updatedAt: now });
    this.evict(now);
    if (allowed) return { allowed: true };
    // Whole seconds for the Retry-After header (RFC 9110 §10.2.3), never 0, which means "now".
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  }

  /** Buckets held now (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /**
   * Any bucket refills completely within a minute of its last use (the rate is capacity per
   * minute), and a full bucket decides exactly as a new one would, so dropping buckets idle for a
   * minute changes nothing. The map is ordered by last use, so the sweep stops at the first recent
   * one: O(1) amortised per take. Past `maxBuckets` the least recently used go anyway.
   */
  private evict(now: number): void {
    for (const [clientId, bucket] of this.buckets) {
      if (now - bucket.updatedAt < minuteMs && this.buckets.size <= this.maxBuckets) break;
      this.buckets.delete(clientId);
    }
  }
}

const slot = Symbol.for("downtime.ingest-rate-limiter");
type Holder = { [slot]?: RateLimiter };

/**
 * The process-wide limiter for ingest routes, kept on globalThis because Next.js may load this
 * module once per route bundle; separate copies would each grant the full allowance.
 */
export function ingestRateLimiter(): RateLimiter {
  const holder = globalThis as Holder;
  holder[slot] ??= new RateLimiter();
  return holder[slot];
}
