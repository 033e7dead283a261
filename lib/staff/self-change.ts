/**
 * Two rules about who changes what, as pure functions. An admin may not change their own roles or
 * ward scope (another admin must), so nobody can give themselves a clinical role and the wards to
 * read; and any grant of a clinical role (one that reads patients) is flagged for IG, whoever makes
 * it, because it is how an account comes to read patient records.
 */
import { permissions, type Role } from "@/lib/access/roles";
import type { StaffField, StaffState } from "./staff-changes";

/** The fields of one's own record that only someone else may change. */
export const selfGuardedFields = ["roles", "wards", "facilities"] as const satisfies readonly StaffField[];

/** Roles that read patients (lib/access/roles.ts, `patients:read`). */
export const clinicalRoles: readonly Role[] = permissions["patients:read"];

export const selfChangeMessage =
  "You cannot change your own roles or ward scope. Ask another admin to make this change.";

/** The guarded fields an actor would change on their own record (none when it is someone else's). */
export function selfGuardedChanges(
  targetUserId: string | null,
  actorUserId: string | undefined,
  fields: readonly StaffField[],
): StaffField[] {
  if (!targetUserId || !actorUserId || targetUserId !== actorUserId) return [];
  return fields.filter((field) => (selfGuardedFields as readonly StaffField[]).includes(field));
}

/** Clinical roles the change adds (all of them for a new user). */
export function clinicalRolesGranted(before: StaffState | null, after: StaffState): Role[] {
  return after.roles.filter((role) => clinicalRoles.includes(role) && !before?.roles.includes(role));
}
