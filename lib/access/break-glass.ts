/**
 * Break-glass: a clinician's time-limited access to one patient outside their ward scope
 * (docs/design.md section 6). Grants live in `break_glass_grant` with the reason given; the grant and
 * every read it allows are flagged `break_glass` in the audit log for IG review.
 */
import "server-only";
import { actorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { hasPermission } from "./roles";
import { isUuid } from "./uuid";

export const minimumReasonLength = 15;
export const maximumReasonLength = 500;
export const defaultGrantMinutes = 60;
const maximumGrantMinutes = 12 * 60;

export interface BreakGlassGrant {
  id: string;
  userId: string;
  patientId: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
}

export interface BreakGlassRequest {
  patientId: string;
  reason: string;
  now: Date;
  minutes?: number;
}

function validReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < minimumReasonLength) {
    throw new AppError("bad_request", `Give a reason of at least ${minimumReasonLength} characters`);
  }
  if (trimmed.length > maximumReasonLength) {
    throw new AppError("bad_request", `Keep the reason under ${maximumReasonLength} characters`);
  }
  return trimmed;
}

export async function grantBreakGlass(
  db: Database,
  principal: Principal,
  request: BreakGlassRequest,
): Promise<BreakGlassGrant> {
  const { patientId, now } = request;
  if (!hasPermission(principal.roles, "patients:break-glass")) {
    await writeTransaction(db, (tx) =>
      recordAudit(tx, {
        ...actorFields(principal),
        action: "break-glass.refused",
        outcome: "refused",
        occurredAt: now,
        patientId: isUuid(patientId) ? patientId : null,
        breakGlass: true,
      }),
    );
    throw new AppError("forbidden", "Your role does not allow emergency access to patients");
  }
  const reason = validReason(request.reason);
  const minutes = request.minutes ?? defaultGrantMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > maximumGrantMinutes) {
    throw new AppError("bad_request", "Emergency access lasts between 1 minute and 12 hours");
  }
  const exists = isUuid(patientId)
    ? await db.query("SELECT 1 FROM patient WHERE id = $1", [patientId])
    : { rows: [] };
  if (exists.rows.length === 0) throw new AppError("not_found", "No such patient");

  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  return writeTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO break_glass_grant (user_id, patient_id, reason, granted_at, expires_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [principal.userId, patientId, reason, now, expiresAt],
    );
    const id = rows[0]!.id;
    await recordAudit(tx, {
      ...actorFields(principal),
      action: "break-glass.granted",
      outcome: "success",
      occurredAt: now,
      patientId,
      breakGlass: true,
      reason,
      detail: { grantId: id, minutes, expiresAt: expiresAt.toISOString() },
    });
    return { id, userId: principal.userId, patientId, reason, grantedAt: now, expiresAt };
  });
}

/** The user's unexpired grant for this patient, if any (the latest-expiring one). */
export async function activeGrant(
  db: Queryable,
  userId: string,
  patientId: string,
  now: Date,
): Promise<BreakGlassGrant | null> {
  if (!isUuid(userId) || !isUuid(patientId)) return null;
  const { rows } = await db.query<{ id: string; reason: string; granted_at: Date; expires_at: Date }>(
    `SELECT id, reason, granted_at, expires_at FROM break_glass_grant
      WHERE user_id = $1 AND patient_id = $2 AND granted_at <= $3 AND expires_at > $3
      ORDER BY expires_at DESC LIMIT 1`,
    [userId, patientId, now],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    userId,
    patientId,
    reason: row.reason,
    grantedAt: new Date(row.granted_at),
    expiresAt: new Date(row.expires_at),
  };
}
