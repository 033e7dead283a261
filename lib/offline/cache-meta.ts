/**
 * The `meta` table as one typed, validated object. Rows are read back through shape checks because
 * IndexedDB is untrusted (it is untrusted: docs/design.md section 7); a malformed row means the cache is corrupt.
 */

import { CacheError } from "./cache-error";
import { feedSchema } from "./census-entry-schema";
import * as z from "./shape";
import { type MetaKey, metaKeys, type WardCacheDb } from "./ward-cache-db";

const metaSchema = z.object({
  userIdHash: z.nullable(z.string()),
  keyId: z.nullable(z.string()),
  scopeVersion: z.nullable(z.string()),
  cursor: z.nullable(z.string()),
  /** Server time of the last completed sync (the last page of a round): "data as of". */
  asOf: z.nullable(z.string()),
  /** Epoch ms; after it the cache shows nothing, online or not. */
  expiresAt: z.nullable(z.number),
  cacheTtlSeconds: z.nullable(z.number),
  /** Each facility's feed age at the last completed round: offline screens still say it. */
  feeds: z.nullable(z.array(feedSchema)),
});

export type CacheMeta = z.Infer<typeof metaSchema>;

/** What a restart of sync from scratch forgets; identity (user, key) is kept. */
export const clearedSyncMeta = {
  scopeVersion: null,
  cursor: null,
  asOf: null,
  expiresAt: null,
  cacheTtlSeconds: null,
  feeds: null,
} satisfies Partial<CacheMeta>;

export async function readMeta(db: WardCacheDb): Promise<CacheMeta> {
  const rows = await db.meta.bulkGet([...metaKeys]);
  const raw = Object.fromEntries(metaKeys.map((key, index) => [key, rows[index]?.value ?? null]));
  const parsed = metaSchema.safeParse(raw);
  if (!parsed.success) throw new CacheError("corrupt");
  return parsed.data;
}

export async function writeMeta(db: WardCacheDb, values: Partial<CacheMeta>, now: number): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => ({
    key: key as MetaKey,
    value: value ?? null,
    fetchedAt: now,
  }));
  await db.meta.bulkPut(rows);
}
