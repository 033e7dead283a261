/**
 * Sessions in `auth_session`. The cookie (an Auth.js JWT) only names a session row; every request
 * re-reads the row with its user and device, so a sign-out, an admin disabling a user, a revoked
 * ward PC or an expiry ends the session at once, whatever the cookie still says.
 */
import "server-only";
import type { Role } from "@/lib/access/roles";
import { type AuditEventInput, recordAudit } from "@/lib/audit/record-audit";
import type { Principal, SignInMethod } from "@/lib/auth/principal";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";

/** Phones get shorter sessions (docs/design.md section 6); a ward PC's lasts a shift. */
export const sessionLifetimeSeconds: Record<SignInMethod, number> = { byod: 8 * 3600, launcher: 12 * 3600 };

export interface NewSession {
  userId: string;
  method: SignInMethod;
  deviceId?: string;
  ip: string;
  userAgent: string;
  now: Date;
}

/**
 * Creates the session row; `audit` (the sign-in event, given the new session's id) commits in the
 * same transaction, so there is never a session without its sign-in record or the reverse.
 */
export async function createSession(
  db: Database,
  session: NewSession,
  audit?: (sessionId: string) => AuditEventInput,
): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(session.now.getTime() + sessionLifetimeSeconds[session.method] * 1000);
  const id = await writeTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO auth_session (user_id, method, device_id, ip, user_agent, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        session.userId,
        session.method,
        session.deviceId ?? null,
        session.ip,
        session.userAgent.slice(0, 300),
        session.now,
        expiresAt,
      ],
    );
    const created = rows[0]!.id;
    if (audit) await recordAudit(tx, audit(created));
    return created;
  });
  return { id, expiresAt };
}

/** The principal for a live session, or null when it ended, its user is disabled or its PC revoked. */
export async function principalForSession(
  db: Queryable,
  sessionId: string,
  request: { ip: string; userAgent: string; now: Date },
): Promise<Principal | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const { rows } = await db.query<{
    user_id: string;
    username: string;
    display_name: string;
    roles: string;
    method: SignInMethod;
    device_id: string | null;
  }>(
    `SELECT s.user_id, u.username, u.display_name, u.roles, s.method, s.device_id
       FROM auth_session s
       JOIN staff_user u ON u.id = s.user_id
       LEFT JOIN launcher_device d ON d.id = s.device_id
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.enabled
        AND (s.device_id IS NULL OR (d.id IS NOT NULL AND d.revoked_at IS NULL))`,
    [sessionId, request.now],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    sessionId,
    method: row.method,
    ...(row.device_id ? { deviceId: row.device_id } : {}),
    ip: request.ip,
    userAgent: request.userAgent,
  };
}
