/**
 * Keeping downtime documents on the device, and reading them back (document-copy-db.ts says what
 * is stored where). After a sync round the device keeps the documents of every patient in its
 * ward copy that fit the budget (document-budget.ts), drops the rest and any whose patient left
 * the copy, and records which were left out. Bytes are fetched with `?copy=device`, which the
 * server audits as a copy to the device (`document.sync`), not as someone opening it.
 */
import Dexie from "dexie";
import { CacheError, guardStorage } from "./cache-error";
import { readMeta } from "./cache-meta";
import { type DocumentPlan, defaultDocumentBudgetBytes, planDocumentCopy } from "./document-budget";
import { DocumentCopyDb, documentCopyDbName, documentRowSchema } from "./document-copy-db";
import { openEntry } from "./entry-records";
import type { WardCache } from "./ward-cache";

export interface DocumentCopyStatus {
  count: number;
  usedBytes: number;
  budgetBytes: number;
  overBudget: string[];
}

const encoder = new TextEncoder();

function sealBytes(cache: WardCache, documentId: string, bytes: ArrayBuffer) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const additionalData = encoder.encode(documentId);
  return crypto.subtle
    .encrypt({ name: "AES-GCM", iv, additionalData }, cache.key, bytes)
    .then((data) => ({ iv, data }));
}

/** Every document of every patient in the ward copy, with the stay it came with. */
async function documentsInCopy(cache: WardCache, now: number) {
  const meta = await guardStorage(() => readMeta(cache.db));
  if (meta.expiresAt === null || meta.expiresAt <= now) return null;
  const rows = await guardStorage(() => cache.db.entries.toArray());
  const documents = new Map<
    string,
    { stayId: string; bytes: number; producedAt: string; contentType: string }
  >();
  for (const row of rows) {
    const entry = await openEntry(cache.key, row);
    for (const document of entry.documents)
      documents.set(document.documentId, { stayId: entry.stayId, ...document });
  }
  return documents;
}

export async function openDocumentCopy(): Promise<DocumentCopyDb> {
  const db = new DocumentCopyDb();
  await guardStorage(() => db.open());
  return db;
}

/**
 * Brings the device's documents in line with its ward copy and the budget. `fetchBytes` returns
 * a document's bytes (null when the server no longer holds it). Returns the plan applied.
 */
export async function refreshDocumentCopy(
  cache: WardCache,
  fetchBytes: (documentId: string) => Promise<ArrayBuffer | null>,
  options: { budgetBytes?: number; now?: number } = {},
): Promise<DocumentPlan | null> {
  const now = options.now ?? Date.now();
  const budgetBytes = options.budgetBytes ?? defaultDocumentBudgetBytes;
  const wanted = await documentsInCopy(cache, now);
  if (!wanted) return null;
  const plan = planDocumentCopy(
    [...wanted].map(([documentId, document]) => ({ documentId, ...document })),
    budgetBytes,
  );
  const db = await openDocumentCopy();
  try {
    const held = await guardStorage(() => db.documents.toArray());
    const keep = new Set(plan.keep);
    // Sealed under another session's key (unreadable now), no longer wanted, or over the budget.
    const drop = held.filter((row) => row.keyId !== cache.keyId || !keep.has(row.documentId));
    await guardStorage(() => db.documents.bulkDelete(drop.map((row) => row.documentId)));
    const have = new Set(held.filter((row) => !drop.includes(row)).map((row) => row.documentId));
    for (const documentId of plan.keep) {
      if (have.has(documentId)) continue;
      const bytes = await fetchBytes(documentId);
      if (!bytes) continue;
      const document = wanted.get(documentId)!;
      const sealed = await sealBytes(cache, documentId, bytes);
      await guardStorage(() =>
        db.documents.put({
          documentId,
          keyId: cache.keyId,
          stayId: document.stayId,
          contentType: document.contentType,
          bytes: bytes.byteLength,
          fetchedAt: Date.now(),
          ...sealed,
        }),
      );
    }
    await guardStorage(() =>
      db.meta.bulkPut([
        { key: "overBudget", value: plan.overBudget, fetchedAt: now },
        { key: "budgetBytes", value: budgetBytes, fetchedAt: now },
      ]),
    );
    return plan;
  } finally {
    db.close();
  }
}

/** A kept document's bytes as a Blob, or null when this device does not hold it. */
export async function readDocumentCopy(cache: WardCache, documentId: string): Promise<Blob | null> {
  const db = await openDocumentCopy();
  try {
    const raw = await guardStorage(() => db.documents.get(documentId));
    if (!raw) return null;
    const row = documentRowSchema.safeParse(raw);
    if (!row.success) throw new CacheError("corrupt");
    if (row.data.keyId !== cache.keyId) return null;
    let plain: ArrayBuffer;
    try {
      plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: row.data.iv, additionalData: encoder.encode(documentId) },
        cache.key,
        row.data.data,
      );
    } catch (error) {
      throw new CacheError("corrupt", { cause: error });
    }
    return new Blob([plain], { type: row.data.contentType });
  } finally {
    db.close();
  }
}

export async function documentCopyStatus(): Promise<DocumentCopyStatus> {
  const db = await openDocumentCopy();
  try {
    const [rows, over, budget] = await guardStorage(() =>
      Promise.all([db.documents.toArray(), db.meta.get("overBudget"), db.meta.get("budgetBytes")]),
    );
    return {
      count: rows.length,
      usedBytes: rows.reduce((sum, row) => sum + row.bytes, 0),
      budgetBytes: typeof budget?.value === "number" ? budget.value : defaultDocumentBudgetBytes,
      overBudget: Array.isArray(over?.value) ? over.value : [],
    };
  } finally {
    db.close();
  }
}

/** Deletes every kept document (sign-out, revocation, wipe of the ward copy). */
export function wipeDocumentCopy(): Promise<void> {
  return guardStorage(() => Dexie.delete(documentCopyDbName));
}
