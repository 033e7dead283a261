/**
 * Fills the search keys (lib/adt/name-search-key.ts) of patients written before the keys existed
 * (migration 0037). The keys are computed in the app, not in SQL: Aurora DSQL has no unaccent
 * extension and only the C collation, so no SQL statement could compute them the same way.
 *
 * Safe to run again and beside live ingest: it only touches rows whose key is still NULL, each
 * batch is its own short write transaction well inside DSQL's 3,000-row limit, and an upsert
 * that changes a name writes its key at the same time (so the `IS NULL` guard never lets an old
 * name's key overwrite a new one). Interrupted, it simply carries on from the rows still NULL.
 */
import "server-only";
import { nameSearchKey, optionalNameSearchKey } from "@/lib/adt/name-search-key";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";

export const nameKeyBackfillBatch = 200;

/** Returns how many patients it keyed. */
export async function backfillPatientNameKeys(
  db: Database,
  batchSize = nameKeyBackfillBatch,
): Promise<number> {
  let keyed = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const { rows } = await db.query<{ id: string; family_name: string; given_names: string | null }>(
      `SELECT id, family_name, given_names FROM patient
        WHERE family_name_key IS NULL AND id > $1::uuid ORDER BY id LIMIT ${Number(batchSize)}`,
      [after],
    );
    if (rows.length === 0) return keyed;
    keyed += await writeTransaction(db, async (tx) => {
      let updated = 0;
      for (const row of rows) {
        const result = await tx.query(
          `UPDATE patient SET family_name_key = $2, given_names_key = $3
            WHERE id = $1 AND family_name_key IS NULL`,
          [row.id, nameSearchKey(row.family_name), optionalNameSearchKey(row.given_names)],
        );
        updated += result.rowCount;
      }
      return updated;
    });
    after = rows.at(-1)!.id;
  }
}
