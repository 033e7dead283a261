/**
 * The one write path for staff users, run inside a caller's transaction: `staff_user` row,
 * scope rows (`user_ward_access`, `user_facility_access`) and one `user.changed` audit row
 * commit or roll back together. Forms, the CSV import and the demo seed all come through here.
 * A grant of a clinical role adds a `user.clinical-role-granted` row for the IG report; a change
 * to one's own roles or scope is refused here too (the callers audit that refusal first).
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { clinicalRolesGranted, selfChangeMessage, selfGuardedChanges } from "./self-change";
import { staffChangeDetail } from "./staff-audit-detail";
import { changedFields, type StaffField, type StaffState, stateOf } from "./staff-changes";
import { replaceScope, resolveScope, type ScopeCatalog } from "./staff-scope";
import type { StaffUser } from "./staff-user";

/** Who made the change, as the audit log records them (absent for the system, e.g. the demo seed). */
export interface ChangedBy {
  userId?: string;
  username?: string;
}

export interface WriteOutcome {
  id: string;
  outcome: "created" | "updated" | "unchanged";
  fields: StaffField[];
}

export async function writeStaffUser(
  tx: Queryable,
  catalog: ScopeCatalog,
  before: StaffUser | null,
  after: StaffState,
  by: ChangedBy,
): Promise<WriteOutcome> {
  const fields = changedFields(before && stateOf(before), after);
  if (before && fields.length === 0) return { id: before.id, outcome: "unchanged", fields };
  if (selfGuardedChanges(before?.id ?? null, by.userId, fields).length > 0) {
    throw new AppError("forbidden", selfChangeMessage);
  }
  if (fields.includes("username")) await assertUsernameFree(tx, after.username, before?.id);
  const scope = resolveScope(catalog, after);
  const values = [
    after.username,
    after.displayName,
    JSON.stringify(after.roles),
    after.enabled,
    after.nonProdAllowed,
  ];
  let id: string;
  if (before) {
    id = before.id;
    await tx.query(
      `UPDATE staff_user SET username = $2, display_name = $3, roles = $4, enabled = $5, non_prod_allowed = $6,
              updated_at = now()
        WHERE id = $1`,
      [id, ...values],
    );
  } else {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO staff_user (username, display_name, roles, enabled, non_prod_allowed)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      values,
    );
    id = rows[0]!.id;
  }
  // Only the scope that changed is rewritten: fewer rows against DSQL's per-transaction limit.
  await replaceScope(tx, id, {
    ...(fields.includes("wards") ? { wardIds: scope.wardIds } : {}),
    ...(fields.includes("facilities") ? { facilityIds: scope.facilityIds } : {}),
  });
  await recordAudit(tx, {
    action: "user.changed",
    outcome: "success",
    userId: by.userId ?? null,
    username: by.username ?? null,
    method: by.userId ? null : "system",
    // Who (the actor), what (the fields), before and after (staff-audit-detail.ts: codes and
    // flags, never the display name or username).
    detail: {
      targetUserId: id,
      change: before ? "updated" : "created",
      fields: fields.join(","),
      ...staffChangeDetail(before && stateOf(before), after, fields),
    },
  });
  const granted = clinicalRolesGranted(before && stateOf(before), after);
  if (granted.length > 0) {
    await recordAudit(tx, {
      action: "user.clinical-role-granted",
      outcome: "success",
      userId: by.userId ?? null,
      username: by.username ?? null,
      method: by.userId ? null : "system",
      detail: { targetUserId: id, roles: granted.join(","), change: before ? "updated" : "created" },
    });
  }
  return { id, outcome: before ? "updated" : "created", fields };
}

/** The audit row for a refused change to one's own roles or scope (written before refusing). */
export function recordSelfChangeRefusal(
  tx: Queryable,
  input: { targetUserId: string; fields: readonly StaffField[]; by: ChangedBy; source: "api" | "csv" },
): Promise<unknown> {
  return recordAudit(tx, {
    action: "user.change-refused",
    outcome: "refused",
    userId: input.by.userId ?? null,
    username: input.by.username ?? null,
    detail: {
      targetUserId: input.targetUserId,
      reason: "self-change",
      fields: input.fields.join(","),
      source: input.source,
    },
  });
}

async function assertUsernameFree(tx: Queryable, username: string, exceptId?: string): Promise<void> {
  const { rows } = await tx.query<{ id: string }>("SELECT id FROM staff_user WHERE username = $1", [
    username,
  ]);
  if (rows.some((row) => row.id !== exceptId)) throw usernameTaken(username);
}

export function usernameTaken(username: string): AppError {
  return new AppError("conflict", `A user with username ${username} already exists`, {
    location: "username",
  });
}

/** A concurrent insert of the same username loses on the unique constraint (SQLSTATE 23505). */
export function isUsernameConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "23505" && typeof message === "string" && message.includes("staff_user_username");
}
