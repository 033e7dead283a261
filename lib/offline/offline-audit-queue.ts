/**
 * Reads made while offline, queued for the audit log (docs/design.md section 7). Each event is sealed
 * with the session's key like patient rows (it names a patient id and when they were looked
 * at) and carries a random event id, so the server can ignore a batch uploaded twice (two tabs
 * draining at once, or a response lost after the server stored it), and the session whose copy
 * was read, which the server checks against what it sent that session. A read the server does
 * not believe is answered as refused (and audited there): it leaves the queue like the others,
 * since sending it again would not change the answer. Events leave the queue only
 * after `upload` resolves; a failed upload leaves them for the next attempt.
 */
import { CacheError, guardStorage } from "./cache-error";
import { decryptRecord, encryptRecord, isUsableCacheKey } from "./cache-key";
import { type OfflineRead, offlineReadSchema } from "./census-entry-schema";
import type { WardCache } from "./ward-cache";
import { auditRecordSchema } from "./ward-cache-db";

export interface OfflineReadInput {
  action: OfflineRead["action"];
  /** When the read happened on this device (ISO 8601). */
  at: string;
  stayId?: string | null;
  patientId?: string | null;
  wardId?: string | null;
  documentId?: string | null;
}

export async function queueOfflineRead(
  cache: WardCache,
  read: OfflineReadInput,
  now = Date.now(),
): Promise<void> {
  const event = offlineReadSchema.parse({
    eventId: crypto.randomUUID(),
    action: read.action,
    at: read.at,
    sessionId: cache.sessionId,
    stayId: read.stayId ?? null,
    patientId: read.patientId ?? null,
    wardId: read.wardId ?? null,
    ...(read.documentId ? { documentId: read.documentId } : {}),
  });
  const sealed = await encryptRecord(cache.key, event);
  await guardStorage(() => cache.db.auditQueue.add({ keyId: cache.keyId, fetchedAt: now, ...sealed }));
}

async function nextBatch(cache: WardCache, size: number): Promise<{ ids: number[]; events: OfflineRead[] }> {
  const { db } = cache;
  const rows = await guardStorage(() => db.auditQueue.orderBy("id").limit(size).toArray());
  const ids: number[] = [];
  const events: OfflineRead[] = [];
  for (const row of rows) {
    const record = auditRecordSchema.safeParse(row);
    if (!record.success) throw new CacheError("corrupt");
    const key = (await guardStorage(() => db.keys.get(record.data.keyId)))?.key;
    if (!isUsableCacheKey(key)) throw new CacheError("corrupt");
    events.push(await decryptRecord(key, record.data, offlineReadSchema));
    ids.push(record.data.id);
  }
  return { ids, events };
}

/** Uploads queued reads oldest first, in batches; returns how many were uploaded. */
export async function drainAuditQueue(
  cache: WardCache,
  upload: (events: OfflineRead[]) => Promise<void>,
  batchSize = 100,
): Promise<{ uploaded: number }> {
  const { db } = cache;
  let uploaded = 0;
  for (;;) {
    const { ids, events } = await nextBatch(cache, batchSize);
    if (ids.length === 0) break;
    await upload(events);
    await guardStorage(() => db.auditQueue.bulkDelete(ids));
    uploaded += ids.length;
  }
  // Keys of earlier sessions were kept only to read their queued events; now they can go.
  await guardStorage(() =>
    db.transaction("rw", db.keys, db.auditQueue, async () => {
      const inUse = new Set((await db.auditQueue.toArray()).map((row) => row.keyId));
      const stale = (await db.keys.toCollection().primaryKeys()).filter(
        (keyId) => keyId !== cache.keyId && !inUse.has(keyId),
      );
      await db.keys.bulkDelete(stale);
    }),
  );
  return { uploaded };
}
