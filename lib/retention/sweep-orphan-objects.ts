/**
 * Deletes stored document objects that no `document` row names: the old version of a document
 * whose delete failed after the replacement committed, an upload whose transaction failed while
 * the store or database was down, a half-finished write. Such an object holds patient data that
 * nothing would ever read, show or purge, so the purge runner sweeps them (issue 12, item 14).
 *
 * Only document keys are swept (`facilities/<id>/patients/<id>/documents/<id>`, storage-keys.ts),
 * and only objects last written before `modifiedBefore`: an upload puts its object first and
 * commits its row a moment later, so a fresh object with no row is usually one in flight. Keys
 * are checked a batch at a time against the facility's rows (document_facility_idx; a row never
 * changes facility, merges only change its patient), with one placeholder per key (sql-lists.ts).
 */
import "server-only";
import { forEachLimited, placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import { facilityPrefix } from "@/lib/documents/storage-keys";
import type { DocumentStore, ListedObject } from "@/lib/storage/types";
import { storageDeletesInFlight } from "./purge-limits";

/** How long an object with no row is taken to be an upload still in flight. */
export const orphanGraceMs = 60 * 60_000;

/** Keys checked per query. */
const KEYS_PER_QUERY = 500;

const documentKeyPattern = /^facilities\/[^/]+\/patients\/[^/]+\/documents\/[^/]+$/;

export interface OrphanSweep {
  objects: number;
  bytes: number;
}

export async function sweepOrphanObjects(
  db: Queryable,
  storage: DocumentStore,
  facilityId: string,
  options: { modifiedBefore: Date },
): Promise<OrphanSweep> {
  const swept: OrphanSweep = { objects: 0, bytes: 0 };
  const cutoff = options.modifiedBefore.getTime();
  let batch: ListedObject[] = [];
  const sweepBatch = async () => {
    const unnamed = await withoutRows(db, facilityId, batch);
    batch = [];
    await forEachLimited(unnamed, storageDeletesInFlight, async (object) => {
      await storage.delete(object.key);
      swept.objects += 1;
      swept.bytes += object.bytes;
    });
  };
  for await (const object of storage.list(facilityPrefix(facilityId))) {
    if (!documentKeyPattern.test(object.key) || object.lastModified.getTime() >= cutoff) continue;
    batch.push(object);
    if (batch.length >= KEYS_PER_QUERY) await sweepBatch();
  }
  if (batch.length > 0) await sweepBatch();
  return swept;
}

async function withoutRows(
  db: Queryable,
  facilityId: string,
  objects: readonly ListedObject[],
): Promise<ListedObject[]> {
  const { rows } = await db.query<{ storage_key: string }>(
    `SELECT storage_key FROM document
      WHERE facility_id = $1 AND storage_key IN (${placeholders(objects.length, 2)})`,
    [facilityId, ...objects.map((object) => object.key)],
  );
  const named = new Set(rows.map((row) => row.storage_key));
  return objects.filter((object) => !named.has(object.key));
}
