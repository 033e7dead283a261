/**
 * The ledger of what the sync feed sent to which session (`sync_ledger`, migration 0025): one
 * row per (session, patient), so a device's later report of reads from its offline copy can be
 * checked against what that copy could hold (offline-reads.ts).
 *
 * Compact by design: a sync page upserts one row per patient it sends (at most 500, with the
 * page's audit rows in one transaction, well under DSQL's 3,000 rows), and the last page of a
 * round pushes on the expiry of the patients still in the copy, as the device does with its own
 * `expiresAt` (lib/offline/ward-cache.ts). That push writes a row only when its expiry is more
 * than `copyLifeRefreshMs` behind, so a device syncing every minute rewrites each row a few times
 * an hour, not every minute. Each row belongs to one session: no row is shared between devices.
 */
import "server-only";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import type { Principal } from "@/lib/auth/principal";
import { deleteInBatches } from "@/lib/db/delete-in-batches";
import { placeholders, rowPlaceholders } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { wardFilter } from "@/lib/ward-list/readable-wards";
import { copyLifeRefreshMs, type LedgerRow } from "./offline-read-rules";

/** Rows stay this long after their copy expired: reads queued before then may still be uploaded. */
export const ledgerGraceMs = 14 * 24 * 3_600_000;

/** Rows per UPDATE or DELETE batch: well under DSQL's 3,000 rows per transaction. */
const batchRows = 1_000;

/** Records that these patients were sent to the principal's session at `sentAt`. */
export async function recordSent(
  tx: Queryable,
  principal: Principal,
  sent: readonly { patientId: string; wardId: string }[],
  sentAt: Date,
  expiresAt: Date,
): Promise<void> {
  // A patient with two current stays comes twice in a page; one row each (ON CONFLICT may not
  // touch a row twice in one statement).
  const patients = [...new Map(sent.map((entry) => [entry.patientId, entry.wardId])).entries()];
  if (patients.length === 0) return;
  await tx.query(
    `INSERT INTO sync_ledger (session_id, patient_id, user_id, device_id, ward_id, first_sent_at, sent_at, expires_at)
     VALUES ${rowPlaceholders(patients.length, 8)}
     ON CONFLICT (session_id, patient_id) DO UPDATE SET
       ward_id = CASE WHEN EXCLUDED.sent_at >= sync_ledger.sent_at THEN EXCLUDED.ward_id ELSE sync_ledger.ward_id END,
       first_sent_at = LEAST(sync_ledger.first_sent_at, EXCLUDED.first_sent_at),
       sent_at = GREATEST(sync_ledger.sent_at, EXCLUDED.sent_at),
       expires_at = GREATEST(sync_ledger.expires_at, EXCLUDED.expires_at)`,
    patients.flatMap(([patientId, wardId]) => [
      principal.sessionId,
      patientId,
      principal.userId,
      principal.deviceId ?? null,
      wardId,
      sentAt,
      sentAt,
      expiresAt,
    ]),
  );
}

/**
 * A completed sync round renews the device's whole copy, so the patients still on the user's
 * wards get the new expiry too (only rows lagging by more than `copyLifeRefreshMs`).
 */
export async function renewCopyLife(
  db: Database,
  principal: Principal,
  wardIds: readonly string[],
  expiresAt: Date,
): Promise<number> {
  if (wardIds.length === 0) return 0;
  const lagging = new Date(expiresAt.getTime() - copyLifeRefreshMs);
  let renewed = 0;
  for (;;) {
    const { rowCount } = await writeTransaction(db, (tx) =>
      tx.query(
        `UPDATE sync_ledger SET expires_at = $1
          WHERE session_id = $2 AND patient_id IN (
            SELECT l.patient_id FROM sync_ledger l
             WHERE l.session_id = $2 AND l.expires_at < $3
               AND l.patient_id IN (SELECT s.patient_id FROM stay s
                                     WHERE s.status IN ${currentStayStatusesSql}
                                       AND ${wardFilter("s.ward_id", wardIds, 5)})
             LIMIT $4)`,
        [expiresAt, principal.sessionId, lagging, batchRows, ...wardIds],
      ),
    );
    renewed += rowCount;
    if (rowCount < batchRows) return renewed;
  }
}

/**
 * The ledger rows of these sessions, for these patients or wards, that belong to the principal:
 * the same user, on the same device (a ward PC's id, or none for a phone), since a device's
 * queue of offline reads is uploaded by that device.
 */
export async function ledgerRowsFor(
  q: Queryable,
  principal: Principal,
  lookup: { sessionIds: readonly string[]; patientIds: readonly string[]; wardIds: readonly string[] },
): Promise<LedgerRow[]> {
  const { sessionIds, patientIds, wardIds } = lookup;
  if (sessionIds.length === 0 || (patientIds.length === 0 && wardIds.length === 0)) return [];
  const params: unknown[] = [principal.userId, principal.deviceId ?? ""];
  const list = (values: readonly string[]) => {
    const first = params.length + 1;
    params.push(...values);
    return placeholders(values.length, first);
  };
  const sessions = list(sessionIds);
  const about = [
    patientIds.length > 0 ? `patient_id IN (${list(patientIds)})` : null,
    wardIds.length > 0 ? `ward_id IN (${list(wardIds)})` : null,
  ].filter((condition) => condition !== null);
  const { rows } = await q.query<{
    session_id: string;
    patient_id: string;
    ward_id: string | null;
    first_sent_at: Date;
    expires_at: Date;
  }>(
    `SELECT session_id, patient_id, ward_id, first_sent_at, expires_at FROM sync_ledger
      WHERE user_id = $1 AND COALESCE(device_id, '') = $2 AND session_id IN (${sessions})
        AND (${about.join(" OR ")})`,
    params,
  );
  return rows.map((row) => ({
    sessionId: row.session_id,
    patientId: row.patient_id,
    wardId: row.ward_id,
    firstSentAt: new Date(row.first_sent_at),
    expiresAt: new Date(row.expires_at),
  }));
}

/**
 * Rows whose copy expired more than `ledgerGraceMs` ago: no report can be believed for them any
 * more. For the housekeeping run (beside the purge), in batches.
 */
export function pruneSyncLedger(db: Database, now: Date): Promise<number> {
  return deleteInBatches(
    db,
    `DELETE FROM sync_ledger WHERE (session_id, patient_id) IN (
       SELECT session_id, patient_id FROM sync_ledger WHERE expires_at < $1 LIMIT $2)`,
    [new Date(now.getTime() - ledgerGraceMs)],
    batchRows,
  );
}

/**
 * The purge's first pass over a patient's rows (the patient and records merged into it), in
 * batches: one row per session that was sent the patient can outnumber what one DSQL transaction
 * may delete. Rows written meanwhile go in the purge's final transaction (purge-finish.ts).
 */
export function deleteLedgerRowsOf(db: Database, patientId: string): Promise<number> {
  return deleteInBatches(
    db,
    `DELETE FROM sync_ledger WHERE (session_id, patient_id) IN (
       SELECT session_id, patient_id FROM sync_ledger
        WHERE patient_id IN (SELECT id FROM patient WHERE id = $1 OR merged_into = $1) LIMIT $2)`,
    [patientId],
    batchRows,
  );
}
