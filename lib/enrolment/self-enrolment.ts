/**
 * Self-enrolment from a trusted ward PC session: the app shows a QR code (and the base32 secret
 * once, for typing in), the user scans it and proves a first code on the same screen. Until then
 * the credential is `pending` and expires after `selfEnrolmentMinutes`; proving a code activates
 * it and replaces any credential the user had (a new phone retires the old one).
 */
import "server-only";
import { actorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Keyring } from "@/lib/auth/secrets/secret-box";
import { decryptSecret } from "@/lib/auth/secrets/secret-box";
import { newTotpSecret, otpauthUri, verifyTotp } from "@/lib/auth/totp/totp";
import { activateCredential, claimTimeStep, insertPendingCredential } from "@/lib/auth/totp/totp-credentials";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { AppEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enabledUsers } from "./enrolment-users";

export const selfEnrolmentMinutes = 30;

export interface SelfEnrolmentStart {
  credentialId: string;
  /** Base32; shown once for manual entry, never stored in clear. */
  secret: string;
  otpauthUri: string;
}

export function startSelfEnrolment(
  db: Database,
  input: { userId: string; keyring: Keyring; environment: AppEnvironment; now?: Date; by?: Principal },
): Promise<SelfEnrolmentStart> {
  const now = input.now ?? new Date();
  return writeTransaction(db, async (tx) => {
    const [user] = await enabledUsers(tx, [input.userId]);
    if (!user) throw new AppError("not_found", "No such enabled user");
    const secret = newTotpSecret();
    const expiresAt = new Date(now.getTime() + selfEnrolmentMinutes * 60_000);
    const credentialId = await insertPendingCredential(tx, {
      userId: user.id,
      secret,
      keyring: input.keyring,
      source: "self",
      expiresAt,
    });
    await recordAudit(tx, {
      ...(input.by ? actorFields(input.by) : { userId: user.id, username: user.username }),
      action: "enrolment.created",
      outcome: "success",
      occurredAt: now,
      detail: { credentialId, source: "self", subjectUserId: user.id },
    });
    return {
      credentialId,
      secret,
      otpauthUri: otpauthUri({ secret, username: user.username, environment: input.environment }),
    };
  });
}

/** Activates the pending self credential on a valid first code; `false` for any refusal. */
export function confirmSelfEnrolment(
  db: Database,
  input: { userId: string; credentialId: string; code: string; now: Date; keyring: Keyring },
): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ secret_ciphertext: string; username: string }>(
      `SELECT c.secret_ciphertext, u.username FROM totp_credential c JOIN staff_user u ON u.id = c.user_id
        WHERE c.id = $1 AND c.user_id = $2 AND c.status = 'pending' AND c.source = 'self'
          AND c.expires_at > $3 AND u.enabled`,
      [input.credentialId, input.userId, input.now],
    );
    const row = rows[0];
    if (!row) return false;
    const secret = decryptSecret(input.keyring, row.secret_ciphertext);
    const result = await verifyTotp({ secret, code: input.code, now: input.now });
    if (!result.valid || result.timeStep === undefined) return false;
    if (!(await claimTimeStep(tx, input.credentialId, result.timeStep))) return false;
    await activateCredential(tx, { credentialId: input.credentialId, userId: input.userId, now: input.now });
    await recordAudit(tx, {
      action: "enrolment.activated",
      outcome: "success",
      occurredAt: input.now,
      userId: input.userId,
      username: row.username,
      detail: { credentialId: input.credentialId, source: "self" },
    });
    return true;
  });
}
