/**
 * Removes a patient's documents: objects from the document store first, then their `document`
 * rows. That order is deliberate: a crash in between leaves rows that point at missing objects,
 * which the next purge run finds and finishes (deleting a missing key is not an error), and never
 * objects without a row, which nothing would ever find again.
 *
 * The rows of a usual patient (up to `finalDocuments`) are deleted by the final transaction, so
 * the purge_log's document count and bytes are exact even when a run crashed and resumed; only a
 * patient with more documents than that has rows deleted in earlier batches.
 */
import "server-only";
import { chunks, forEachLimited, placeholders } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { patientPrefix } from "@/lib/documents/storage-keys";
import type { DocumentStore } from "@/lib/storage/types";
import { batchRows, finalDocuments, storageDeletesInFlight } from "./purge-limits";
import type { PurgeTarget } from "./purge-target";

export interface DocumentRow {
  id: string;
  storageKey: string;
  bytes: number;
}

export interface DocumentsPurged {
  /** Rows already deleted here (only for patients with very many documents). */
  deleted: { documents: number; bytes: number };
  /** Rows whose objects are gone, left for the final transaction to delete. */
  deferred: DocumentRow[];
}

/**
 * Deletes rows by id AND storage key: keys are unique per stored version, so a document replaced
 * by a newer version meanwhile (same row, new key, new object) keeps its row for the next round.
 */
function deleteDocumentRowsSql(count: number): string {
  return `DELETE FROM document WHERE id IN (${placeholders(count)})
            AND storage_key IN (${placeholders(count, count + 1)})
          RETURNING bytes`;
}

export function deleteDocumentRows(tx: Queryable, rows: readonly DocumentRow[]) {
  return tx.query<{ bytes: string | number }>(deleteDocumentRowsSql(rows.length), [
    ...rows.map((row) => row.id),
    ...rows.map((row) => row.storageKey),
  ]);
}

export async function purgeDocuments(
  db: Database,
  storage: DocumentStore,
  target: PurgeTarget,
): Promise<DocumentsPurged> {
  const { rows } = await db.query<{ id: string; storage_key: string; bytes: string | number }>(
    `SELECT id, storage_key, bytes FROM document WHERE patient_id IN (${placeholders(target.ownerIds.length)})`,
    target.ownerIds,
  );
  const documents = rows.map((row) => ({
    id: row.id,
    storageKey: row.storage_key,
    bytes: Number(row.bytes),
  }));
  await forEachLimited(documents, storageDeletesInFlight, (row) => storage.delete(row.storageKey));
  // Sweep what no row points at (an upload whose transaction never committed). A merged patient's
  // older documents still sit under the prior patient's prefix, so sweep each pointer's too.
  for (const ownerId of target.ownerIds) {
    await storage.deleteByPrefix(patientPrefix(target.facilityId, ownerId));
  }
  if (documents.length <= finalDocuments) return { deleted: { documents: 0, bytes: 0 }, deferred: documents };

  // Too many for the final transaction: batches, each under DSQL's 3,000-rows-per-transaction limit.
  const deleted = { documents: 0, bytes: 0 };
  for (const batch of chunks(documents, batchRows)) {
    const { rows: gone } = await writeTransaction(db, (tx) => deleteDocumentRows(tx, batch));
    deleted.documents += gone.length;
    deleted.bytes += gone.reduce((sum, row) => sum + Number(row.bytes), 0);
  }
  return { deleted, deferred: [] };
}
