/**
 * The final transaction of a patient's purge: re-checks the patient is still due, then deletes
 * the document rows (objects already gone), the remaining stays (with their tombstones), the
 * merge pointers, what is left of the patient's sync ledger rows (most go in batches just before)
 * and the patient, and writes the `purge_log` row and the `purged_patient` rows (keyed hashes of
 * the identifiers, for IG), all in one commit. So the log
 * row exists exactly when the patient is gone: a crash before the commit leaves no log and the
 * next run redoes it; a second runner that reaches here after the first committed finds the
 * patient gone and logs nothing.
 */
import "server-only";
import { placeholders } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { deleteLedgerRowsOf } from "@/lib/sync/sync-ledger";
import { type DocumentRow, deleteDocumentRows } from "./purge-documents";
import { finalTransactionRows } from "./purge-limits";
import type { PurgeReason, RetentionCutoffs } from "./purge-rules";
import { loadPurgeTarget, type PurgeTarget } from "./purge-target";
import { recordPurgedPatients } from "./purged-patients";
import { writeTombstones } from "./tombstones";

export interface EarlierCounts {
  reason: PurgeReason;
  events: number;
  stays: number;
  documents: number;
  bytes: number;
}

export interface FinishOptions {
  runId: string;
  cutoffs: RetentionCutoffs;
  tombstoneKey: string;
  earlier: EarlierCounts;
  /** Document rows whose objects this round deleted; the final transaction deletes the rows. */
  documents: readonly DocumentRow[];
}

export type FinishOutcome =
  | { kind: "purged"; stays: number; events: number; documents: number; bytes: number }
  /** Gone already, or no longer due (readmitted, A13 restored a stay): nothing is logged. */
  | { kind: "gone" | "not-due" }
  /** Something arrived since the batches ran (a document, events, many stays): run another round. */
  | { kind: "again" };

async function count(tx: Queryable, sql: string, params: readonly unknown[]): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

async function deleteAndLog(tx: Queryable, target: PurgeTarget, options: FinishOptions) {
  const { earlier } = options;
  const documents =
    options.documents.length > 0 ? (await deleteDocumentRows(tx, options.documents)).rows : [];
  const bytes = documents.reduce((sum, row) => sum + Number(row.bytes), 0);
  const stayIds = target.stays.map((stay) => stay.id);
  let events = 0;
  let stays: { visit_number: string; last_event_at: Date }[] = [];
  if (stayIds.length > 0) {
    const list = placeholders(stayIds.length);
    events = (await tx.query(`DELETE FROM stay_event WHERE stay_id IN (${list})`, stayIds)).rowCount;
    stays = (
      await tx.query<{ visit_number: string; last_event_at: Date }>(
        `DELETE FROM stay WHERE id IN (${list}) RETURNING visit_number, last_event_at`,
        stayIds,
      )
    ).rows;
  }
  await writeTombstones(
    tx,
    options.tombstoneKey,
    stays.map((row) => ({
      facilityId: target.facilityId,
      visitNumber: row.visit_number,
      lastEventAt: new Date(row.last_event_at),
    })),
  );
  // The sender's Patient resource ids that named this patient hold its MRN (fhir-patient-refs.ts).
  await tx.query(
    `DELETE FROM fhir_patient_ref
      WHERE facility_code = (SELECT code FROM facility WHERE id = $1)
        AND mrn IN (SELECT mrn FROM patient WHERE facility_id = $1 AND (id = $2 OR merged_into = $2))`,
    [target.facilityId, target.patientId],
  );
  // What the sync feed sent to which session (lib/sync/sync-ledger.ts): the rest of it, after the
  // batches finishPurge ran first.
  await tx.query(`DELETE FROM sync_ledger WHERE patient_id IN (${placeholders(target.ownerIds.length)})`, [
    ...target.ownerIds,
  ]);
  // For IG after the purge: the old ids with keyed hashes of their identifiers (purged-patients.ts).
  await recordPurgedPatients(tx, options.tombstoneKey, target.ownerIds);
  await tx.query("DELETE FROM patient WHERE facility_id = $1 AND merged_into = $2", [
    target.facilityId,
    target.patientId,
  ]);
  await tx.query("DELETE FROM patient WHERE id = $1", [target.patientId]);
  // No patient identifiers: counts, bytes, reason, run and facility only (docs/design.md §5).
  await tx.query(
    `INSERT INTO purge_log (run_id, facility_id, reason, patients, stays, events, documents, bytes)
     VALUES ($1, $2, $3, 1, $4, $5, $6, $7)`,
    [
      options.runId,
      target.facilityId,
      earlier.reason,
      earlier.stays + stays.length,
      earlier.events + events,
      earlier.documents + documents.length,
      earlier.bytes + bytes,
    ],
  );
  return { kind: "purged" as const, stays: stays.length, events, documents: documents.length, bytes };
}

export async function finishPurge(
  db: Database,
  patientId: string,
  options: FinishOptions,
): Promise<FinishOutcome> {
  // The sync ledger holds a row per session the patient was sent to, which can be more than the
  // final transaction may take: most go first, in batches (the patient is due; a readmission
  // meanwhile only means its next sync records it again).
  await deleteLedgerRowsOf(db, patientId);
  return writeTransaction(db, async (tx): Promise<FinishOutcome> => {
    // Re-read inside the transaction: on DSQL a concurrent write to these rows fails our commit
    // (OC000) and the retry reads again; on PostgreSQL the delete waits, then fails with 40001.
    const target = await loadPurgeTarget(tx, patientId, options.cutoffs);
    if (target === "gone" || target === "not-due") return { kind: target };
    // Every document row left must be one whose object this round deleted (same id, same key).
    const expected = new Set(options.documents.map((row) => `${row.id} ${row.storageKey}`));
    const { rows: documents } = await tx.query<{ id: string; storage_key: string }>(
      `SELECT id, storage_key FROM document WHERE patient_id IN (${placeholders(target.ownerIds.length)})`,
      target.ownerIds,
    );
    if (documents.some((row) => !expected.has(`${row.id} ${row.storage_key}`))) return { kind: "again" };
    const events =
      target.stays.length === 0
        ? 0
        : await count(
            tx,
            `SELECT count(*)::int AS n FROM stay_event WHERE stay_id IN (${placeholders(target.stays.length)})`,
            target.stays.map((stay) => stay.id),
          );
    const ledger = await count(
      tx,
      `SELECT count(*)::int AS n FROM sync_ledger WHERE patient_id IN (${placeholders(target.ownerIds.length)})`,
      target.ownerIds,
    );
    // Stays count twice (delete + tombstone); +2 for the patient and the purge_log row; one
    // purged_patient row per patient row. Kept under DSQL's 3,000 rows per transaction.
    const rows =
      events +
      2 * target.stays.length +
      documents.length +
      target.pointerCount +
      ledger +
      2 +
      target.ownerIds.length;
    if (rows > finalTransactionRows) return { kind: "again" };
    return deleteAndLog(tx, target, options);
  });
}
