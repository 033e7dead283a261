/**
 * Ending a session on sign-out, whichever way it was asked for (our sign-out action, or Auth.js's
 * own POST /api/auth/signout): the row is revoked and the sign-out audited in one transaction, so
 * a copied cookie stops working at once rather than living out its 12 hours. Only the call that
 * actually ends the row audits it, so two paths running for one sign-out leave one record.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SignInMethod } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { forgetCheckedSession } from "./session-check-cache";

export interface SignOutFacts {
  ip: string;
  userAgent: string;
  now: Date;
}

/** True when this call ended the session; false when it had already ended or never existed. */
export async function endSession(db: Database, sessionId: string, facts: SignOutFacts): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
  const endedHere = await writeTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ user_id: string; method: SignInMethod; device_id: string | null }>(
      `UPDATE auth_session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL
       RETURNING user_id, method, device_id`,
      [sessionId, facts.now],
    );
    const ended = rows[0];
    if (!ended) return false;
    const user = await tx.query<{ username: string }>("SELECT username FROM staff_user WHERE id = $1", [
      ended.user_id,
    ]);
    await recordAudit(tx, {
      action: "sign-out",
      outcome: "success",
      occurredAt: facts.now,
      userId: ended.user_id,
      username: user.rows[0]?.username ?? null,
      sessionId,
      method: ended.method,
      deviceId: ended.device_id,
      ip: facts.ip,
      userAgent: facts.userAgent,
    });
    return true;
  });
  forgetCheckedSession(sessionId);
  return endedHere;
}
