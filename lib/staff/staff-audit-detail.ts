/**
 * The before and after of a staff change as the audit log records it: for each changed field its
 * old and new value, except the display name and the username, which identify a person (the
 * field name is still listed, and `targetUserId` says whose record it was). Roles, flags and ward
 * or facility codes are recorded, so IG can read what access was granted or removed, and when.
 */
import type { StaffField, StaffState } from "./staff-changes";

type DetailValue = string | boolean | readonly string[] | null;

const personal: readonly StaffField[] = ["username", "displayName"];

export function staffChangeDetail(
  before: StaffState | null,
  after: StaffState,
  fields: readonly StaffField[],
): Record<string, DetailValue> {
  const detail: Record<string, DetailValue> = {};
  for (const field of fields) {
    if (personal.includes(field)) continue;
    detail[`before.${field}`] = before ? before[field] : null;
    detail[`after.${field}`] = after[field];
  }
  return detail;
}
