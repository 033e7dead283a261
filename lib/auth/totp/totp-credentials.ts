/**
 * Stores TOTP credentials in `totp_credential`: the secret as secret-box ciphertext (never the
 * base32 secret) with its key id, a status (`pending` until the first valid code proves the phone
 * holds it, then `active`), where it came from (`self` on a ward PC, `printed` on a sheet), when a
 * pending one expires, and the last RFC 6238 time step accepted (replay guard). Superseded
 * credentials are deleted, so no unused secret lingers at rest; the audit log keeps the history.
 */
import "server-only";
import { encryptSecret, type Keyring, keyIdOf } from "@/lib/auth/secrets/secret-box";
import type { Queryable } from "@/lib/db/types";

export type CredentialStatus = "pending" | "active";
export type CredentialSource = "self" | "printed";

export interface StoredCredential {
  id: string;
  status: CredentialStatus;
  source: CredentialSource;
  secretCiphertext: string;
  lastTimeStep: number | null;
}

/** Credentials that may accept a code now: active ones first, then unexpired pending ones. */
export async function usableCredentials(
  q: Queryable,
  userId: string,
  now: Date,
): Promise<StoredCredential[]> {
  const { rows } = await q.query<{
    id: string;
    status: CredentialStatus;
    source: CredentialSource;
    secret_ciphertext: string;
    last_time_step: string | number | null;
  }>(
    `SELECT id, status, source, secret_ciphertext, last_time_step FROM totp_credential
      WHERE user_id = $1
        AND (status = 'active' OR (status = 'pending' AND (expires_at IS NULL OR expires_at > $2)))
      ORDER BY CASE status WHEN 'active' THEN 0 ELSE 1 END, created_at DESC`,
    [userId, now],
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    source: row.source,
    secretCiphertext: row.secret_ciphertext,
    lastTimeStep: row.last_time_step === null ? null : Number(row.last_time_step),
  }));
}

/** Adds a pending credential, deleting the user's earlier pending ones of the same source. */
export async function insertPendingCredential(
  q: Queryable,
  input: {
    userId: string;
    secret: string;
    keyring: Keyring;
    source: CredentialSource;
    expiresAt: Date | null;
  },
): Promise<string> {
  await q.query("DELETE FROM totp_credential WHERE user_id = $1 AND status = 'pending' AND source = $2", [
    input.userId,
    input.source,
  ]);
  const ciphertext = encryptSecret(input.keyring, input.secret);
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO totp_credential (user_id, secret_ciphertext, key_id, status, source, expires_at)
     VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING id`,
    [input.userId, ciphertext, keyIdOf(ciphertext), input.source, input.expiresAt],
  );
  return rows[0]!.id;
}

/**
 * Records `timeStep` as used, only if it is later than the last one. Atomic in one statement, so
 * two concurrent sign-ins with the same code cannot both succeed: `false` means a replay.
 */
export async function claimTimeStep(q: Queryable, credentialId: string, timeStep: number): Promise<boolean> {
  const result = await q.query(
    `UPDATE totp_credential SET last_time_step = $2
      WHERE id = $1 AND (last_time_step IS NULL OR last_time_step < $2)`,
    [credentialId, timeStep],
  );
  return result.rowCount === 1;
}

/** Makes a pending credential active and deletes every other credential the user had. */
export async function activateCredential(
  q: Queryable,
  input: { credentialId: string; userId: string; now: Date },
) {
  await q.query(
    "UPDATE totp_credential SET status = 'active', activated_at = $2, expires_at = NULL WHERE id = $1",
    [input.credentialId, input.now],
  );
  await q.query("DELETE FROM totp_credential WHERE user_id = $1 AND id <> $2", [
    input.userId,
    input.credentialId,
  ]);
}

/** Removes all of a user's credentials; returns how many there were. */
export async function deleteCredentials(q: Queryable, userId: string): Promise<number> {
  return (await q.query("DELETE FROM totp_credential WHERE user_id = $1", [userId])).rowCount;
}
