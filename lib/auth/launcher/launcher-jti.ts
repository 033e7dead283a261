/**
 * Single use of launcher tokens (`launcher_jti`): each JWT ID (RFC 7519 §4.1.7) is inserted once,
 * with the token's expiry. A second insert of the same jti changes no row, which is how a replay is
 * detected, atomically, across every app instance. Rows past their expiry are useless (the token
 * would be refused as expired anyway) and are deleted by `deleteExpiredJtis`.
 */
import "server-only";
import { deleteInBatches } from "@/lib/db/delete-in-batches";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";

/** True the first time a jti is seen; false if it was already used (a replay). */
export async function consumeJti(
  db: Database,
  jti: string,
  deviceId: string,
  expiresAt: Date,
): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const result = await tx.query(
      "INSERT INTO launcher_jti (jti, device_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING",
      [jti, deviceId, expiresAt],
    );
    return result.rowCount === 1;
  });
}

/**
 * Deletes used token ids that expired before `now`, in batches (Aurora DSQL caps the rows one
 * transaction may change at 3,000). Returns how many went. Safe to run from any instance, any time.
 */
export function deleteExpiredJtis(db: Database, now: Date, batchSize?: number): Promise<number> {
  return deleteInBatches(
    db,
    `DELETE FROM launcher_jti WHERE jti IN
       (SELECT jti FROM launcher_jti WHERE expires_at < $1 ORDER BY expires_at LIMIT $2)`,
    [now],
    batchSize,
  );
}
