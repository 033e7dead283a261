/**
 * Per-facility policy in `facility_setting` (JSON text by key): publishing rules and retention.
 * Read on the ingest hot path, so values are cached per process for a short time; a change made
 * through this module clears this process's cache at once and reaches others within the TTL.
 */
import "server-only";
import { z } from "zod";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { defaultPublishingPolicy, type PublishingPolicy } from "./publishing";
import { publishingPolicySchema } from "./publishing-policy-schema";

export const retentionPolicySchema = z.object({
  /** Hours after the discharge time before a discharged patient is purged (0: at once). */
  graceHoursAfterDischarge: z
    .number()
    .min(0)
    .max(24 * 365),
  /** Days without any event after which a stay is purged as abandoned. */
  maxDaysWithoutEvents: z.number().min(1).max(3650),
});
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

export const defaultRetentionPolicy: RetentionPolicy = {
  graceHoursAfterDischarge: 0,
  maxDaysWithoutEvents: 30,
};

const policies = {
  publishing: { schema: publishingPolicySchema, fallback: defaultPublishingPolicy },
  retention: { schema: retentionPolicySchema, fallback: defaultRetentionPolicy },
} as const;
type PolicyKey = keyof typeof policies;
type PolicyValue<K extends PolicyKey> = K extends "publishing" ? PublishingPolicy : RetentionPolicy;

const ttlMs = 30_000;
// On globalThis: Next.js may load this module once per route bundle in one process, and a change
// saved by the console's server action must clear the copy the ingest routes read.
const cacheSlot = Symbol.for("downtime.facility-policy-cache");
const holder = globalThis as { [cacheSlot]?: Map<string, { value: unknown; expires: number }> };
holder[cacheSlot] ??= new Map();
const cache = holder[cacheSlot];

export async function readPolicy<K extends PolicyKey>(
  db: Queryable,
  facilityId: string,
  key: K,
): Promise<PolicyValue<K>> {
  const cacheKey = `${facilityId}:${key}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.expires > Date.now()) return hit.value as PolicyValue<K>;
  const value = await readStoredPolicy(db, facilityId, key);
  cache.set(cacheKey, { value, expires: Date.now() + ttlMs });
  return value;
}

/** The stored policy read without the cache (inside a write, or for the console's form). */
export async function readStoredPolicy<K extends PolicyKey>(
  db: Queryable,
  facilityId: string,
  key: K,
): Promise<PolicyValue<K>> {
  const { rows } = await db.query<{ setting_value: string }>(
    "SELECT setting_value FROM facility_setting WHERE facility_id = $1 AND setting_key = $2",
    [facilityId, key],
  );
  const stored = rows[0] ? policies[key].schema.safeParse(JSON.parse(rows[0].setting_value)) : undefined;
  // A stored value that no longer validates falls back to the default rather than failing ingest.
  return (stored?.success ? stored.data : policies[key].fallback) as PolicyValue<K>;
}

export async function savePolicy<K extends PolicyKey>(
  db: Database,
  facilityId: string,
  key: K,
  value: PolicyValue<K>,
) {
  await writeTransaction(db, (tx) => writePolicy(tx, facilityId, key, value));
  forgetPolicies(facilityId);
}

/** Writes a policy inside the caller's transaction; call forgetPolicies() once it commits. */
export async function writePolicy<K extends PolicyKey>(
  tx: Queryable,
  facilityId: string,
  key: K,
  value: PolicyValue<K>,
): Promise<PolicyValue<K>> {
  const parsed = policies[key].schema.parse(value) as PolicyValue<K>;
  await tx.query(
    `INSERT INTO facility_setting (facility_id, setting_key, setting_value, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (facility_id, setting_key) DO UPDATE SET setting_value = EXCLUDED.setting_value, updated_at = now()`,
    [facilityId, key, JSON.stringify(parsed)],
  );
  return parsed;
}

/** Drops this process's cached policies of one facility (other processes follow within the TTL). */
export function forgetPolicies(facilityId: string) {
  for (const key of Object.keys(policies)) cache.delete(`${facilityId}:${key}`);
}

/** For tests that change settings behind this module's back. */
export function clearPolicyCache() {
  cache.clear();
}
