/**
 * In-memory cache of authenticated API clients by key prefix, so the ingest hot path usually
 * costs no database query for authentication.
 *
 * Revocation: `revokeApiClient` drops the entry from this process's cache, so a revoked key is
 * refused at once by the process that revoked it. Other processes (other Lambda instances, the
 * CLI revoking while the app runs) keep their entry until it expires, so a revoked key can be
 * accepted elsewhere for at most `ttlMs` (30 s by default). Only successful look-ups are cached:
 * an unknown or revoked key always reaches the database.
 */
import type { ApiClient } from "./api-client-row";

interface Entry {
  client: ApiClient;
  /** The stored SHA-256 of the secret; a presented key must still match it on every hit. */
  keyHash: string;
  expiresAt: number;
}

export interface ApiClientCacheOptions {
  ttlMs?: number;
  /** Bounds memory; the number of clients is small, so this is a safety net. */
  maxEntries?: number;
  now?: () => number;
}

export class ApiClientCache {
  private readonly entries = new Map<string, Entry>();
  /** Clients revoked through this process; see `forgetClient`. */
  private readonly revoked = new Set<string>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: ApiClientCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  get(prefix: string): { client: ApiClient; keyHash: string } | undefined {
    const entry = this.entries.get(prefix);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(prefix);
      return undefined;
    }
    return entry;
  }

  set(prefix: string, client: ApiClient, keyHash: string): void {
    if (this.revoked.has(client.id)) return;
    this.entries.delete(prefix);
    // Insertion order is expiry order (one TTL for all), so the oldest entries go first.
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(prefix, { client, keyHash, expiresAt: this.now() + this.ttlMs });
  }

  /**
   * Forgets a revoked client. Its id is also remembered (revocation is permanent), so a look-up
   * that read the row just before the revocation committed cannot put it back into the cache.
   */
  forgetClient(clientId: string): void {
    this.revoked.add(clientId);
    // The race it guards lasts one query, so only recent revocations need remembering.
    if (this.revoked.size > this.maxEntries) this.revoked.delete(this.revoked.values().next().value!);
    this.refreshClient(clientId);
  }

  /** Drops a client whose settings changed, so the next request reads them; it may be cached again. */
  refreshClient(clientId: string): void {
    for (const [prefix, entry] of this.entries) {
      if (entry.client.id === clientId) this.entries.delete(prefix);
    }
  }

  clear(): void {
    this.entries.clear();
    this.revoked.clear();
  }
}

const slot = Symbol.for("downtime.api-client-cache");
type Holder = { [slot]?: ApiClientCache };

/**
 * The process-wide cache, kept on globalThis because Next.js may load this module once per route
 * bundle: a revocation from an admin route must clear the same map the ingest routes read.
 */
export function sharedApiClientCache(): ApiClientCache {
  const holder = globalThis as Holder;
  holder[slot] ??= new ApiClientCache();
  return holder[slot];
}
