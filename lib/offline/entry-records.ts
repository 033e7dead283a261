/**
 * Conversion between a CensusEntry and its stored row. Only stayId, wardId and updatedAt stay in
 * clear (they are indexed); the whole entry, including those three, is sealed with AES-GCM so
 * the decrypted copy can be checked against the clear columns: a row whose ciphertext was moved
 * onto another stay or ward is caught as corrupt.
 */
import type { CensusEntry } from "@/lib/sync/sync-types";
import { CacheError } from "./cache-error";
import { decryptRecord, encryptRecord } from "./cache-key";
import { readMeta } from "./cache-meta";
import { censusEntrySchema } from "./census-entry-schema";
import type { HeldEntry } from "./reconcile";
import { type EntryRecord, entryRecordSchema, type WardCacheDb } from "./ward-cache-db";

export async function sealEntries(
  key: CryptoKey,
  entries: CensusEntry[],
  now: number,
): Promise<EntryRecord[]> {
  return Promise.all(
    entries.map(async (entry) => ({
      stayId: entry.stayId,
      wardId: entry.wardId,
      updatedAt: entry.updatedAt,
      fetchedAt: now,
      ...(await encryptRecord(key, entry)),
    })),
  );
}

export function validRecord(row: unknown): EntryRecord {
  const parsed = entryRecordSchema.safeParse(row);
  if (!parsed.success) throw new CacheError("corrupt");
  return parsed.data;
}

export async function openEntry(key: CryptoKey, row: unknown): Promise<CensusEntry> {
  const record = validRecord(row);
  const entry = await decryptRecord(key, record, censusEntrySchema);
  const matches =
    entry.stayId === record.stayId && entry.wardId === record.wardId && entry.updatedAt === record.updatedAt;
  if (!matches) throw new CacheError("corrupt");
  return entry;
}

/** What reconcile needs: each held stay's version and the cached scope version. No decryption. */
export async function readHeld(
  db: WardCacheDb,
): Promise<{ held: Map<string, HeldEntry>; scopeVersion: string | null }> {
  const meta = await readMeta(db);
  const rows = await db.entries.toArray();
  const held = new Map<string, HeldEntry>();
  for (const row of rows) {
    const record = validRecord(row);
    held.set(record.stayId, { updatedAt: record.updatedAt });
  }
  return { held, scopeVersion: meta.scopeVersion };
}
