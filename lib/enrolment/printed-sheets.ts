/**
 * Bulk enrolment on paper: an admin prints one card per user (QR code of the otpauth URI, with an
 * expiry). Each card is a new `pending` credential that becomes active only when its first code is
 * proved at phone sign-in. Re-printing rotates: the user's older pending printed credential is
 * deleted, so a lost or superseded card stops working. The sheet carries live secrets: the
 * printing page should say to hand cards over in person and shred spares.
 */
import { randomUUID } from "node:crypto";
import { isUuid } from "@/lib/access/uuid";
import { AppError } from "@/lib/errors";
import "server-only";
import { actorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Keyring } from "@/lib/auth/secrets/secret-box";
import { newTotpSecret, otpauthUri } from "@/lib/auth/totp/totp";
import { deleteCredentials, insertPendingCredential } from "@/lib/auth/totp/totp-credentials";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { AppEnvironment } from "@/lib/env";
import { enabledUsers } from "./enrolment-users";

export interface EnrolmentCard {
  userId: string;
  username: string;
  displayName: string;
  otpauthUri: string;
  expiresAt: Date;
}

/** Users per transaction: a few rows each, well inside DSQL's 3,000-row transaction limit. */
const batchSize = 200;

export async function issuePrintedEnrolments(
  db: Database,
  input: {
    userIds: readonly string[];
    expiresInDays?: number;
    now: Date;
    keyring: Keyring;
    environment: AppEnvironment;
    issuedBy: Principal;
    /** The "FACILITY/WARD" the sheet was printed for, when it was; recorded in the audit. */
    ward?: string;
  },
): Promise<EnrolmentCard[]> {
  // Ties the cards of one sheet together in the audit log.
  const sheetId = randomUUID();
  const expiresAt = new Date(input.now.getTime() + (input.expiresInDays ?? 14) * 86_400_000);
  const cards: EnrolmentCard[] = [];
  for (let start = 0; start < input.userIds.length; start += batchSize) {
    const batch = input.userIds.slice(start, start + batchSize);
    const issued = await writeTransaction(db, async (tx) => {
      const made: EnrolmentCard[] = [];
      for (const user of await enabledUsers(tx, batch)) {
        // Before: the card this one replaces (deleted by insertPendingCredential), if any.
        const replaced = await tx.query<{ id: string }>(
          "SELECT id FROM totp_credential WHERE user_id = $1 AND status = 'pending' AND source = 'printed'",
          [user.id],
        );
        const secret = newTotpSecret();
        const credentialId = await insertPendingCredential(tx, {
          userId: user.id,
          secret,
          keyring: input.keyring,
          source: "printed",
          expiresAt,
        });
        await recordAudit(tx, {
          ...actorFields(input.issuedBy),
          action: "enrolment.created",
          outcome: "success",
          occurredAt: input.now,
          detail: {
            credentialId,
            source: "printed",
            subjectUserId: user.id,
            expiresAt: expiresAt.toISOString(),
            sheetId,
            ...(input.ward ? { ward: input.ward } : {}),
            replacedCredentialIds: replaced.rows.map((row) => row.id),
          },
        });
        const uri = otpauthUri({ secret, username: user.username, environment: input.environment });
        made.push({
          userId: user.id,
          username: user.username,
          displayName: user.displayName,
          otpauthUri: uri,
          expiresAt,
        });
      }
      return made;
    });
    cards.push(...issued);
  }
  return cards;
}

/** Removes every credential a user has (lost phone, left the trust); they must enrol again. */
export async function resetEnrolment(
  db: Database,
  input: { userId: string; by: Principal },
): Promise<number> {
  // Not an id at all (a typed URL): no such user, rather than an error from the database.
  if (!isUuid(input.userId)) throw new AppError("not_found", "No such user");
  return writeTransaction(db, async (tx) => {
    const removed = await deleteCredentials(tx, input.userId);
    await recordAudit(tx, {
      ...actorFields(input.by),
      action: "enrolment.reset",
      outcome: "success",
      detail: { subjectUserId: input.userId, removed },
    });
    return removed;
  });
}
