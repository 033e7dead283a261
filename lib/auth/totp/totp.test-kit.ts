/** Test fixtures for TOTP integration tests: staff rows, an admin principal, a keyring. */
import { randomBytes } from "node:crypto";
import type { Principal } from "@/lib/auth/principal";
import type { Keyring } from "@/lib/auth/secrets/secret-box";
import type { Queryable } from "@/lib/db/types";

export const testKeyring: Keyring = { currentKeyId: "k1", keys: { k1: randomBytes(32) } };

export async function insertStaff(
  q: Queryable,
  username: string,
  options: { displayName?: string; enabled?: boolean } = {},
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO staff_user (username, display_name, roles, enabled) VALUES ($1, $2, '["clinician"]', $3)
     RETURNING id`,
    [username, options.displayName ?? username, options.enabled ?? true],
  );
  return rows[0]!.id;
}

export function adminPrincipal(userId: string): Principal {
  return {
    userId,
    username: "trust\\admin",
    displayName: "Admin",
    roles: ["admin"],
    sessionId: "5b0f4a4e-9a43-4c1e-9a7e-000000000001",
    method: "launcher",
    deviceId: "ward-pc-1",
    ip: "10.0.0.1",
    userAgent: "test",
  };
}

export async function auditActions(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ action: string }>(
    "SELECT action FROM audit_event ORDER BY recorded_at, action",
  );
  return rows.map((row) => row.action);
}
