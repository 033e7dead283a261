/**
 * Pure comparison of a user as stored and as wanted. The result names the fields that differ:
 * it decides whether anything is written at all (so a repeated CSV import writes nothing) and is
 * what the audit log records (field names, never values: a display name is personal data).
 */
import { type Role, roles as roleOrder } from "@/lib/access/roles";
import type { StaffUserPatch } from "./staff-schema";
import type { StaffUser } from "./staff-user";

export interface StaffState {
  username: string;
  displayName: string;
  roles: Role[];
  enabled: boolean;
  nonProdAllowed: boolean;
  /** "FACILITY/WARD" codes, sorted. */
  wards: string[];
  /** Facility codes, sorted. */
  facilities: string[];
}

export const staffFields = [
  "username",
  "displayName",
  "roles",
  "enabled",
  "nonProdAllowed",
  "wards",
  "facilities",
] as const;
export type StaffField = (typeof staffFields)[number];

// Canonical orders make equal sets compare equal and keep the stored JSON stable.
const sortRoles = (list: Role[]) => roleOrder.filter((role) => list.includes(role));
const sortCodes = (list: string[]) => [...new Set(list)].sort();

export function stateOf(user: StaffUser): StaffState {
  return {
    username: user.username,
    displayName: user.displayName,
    roles: sortRoles(user.roles),
    enabled: user.enabled,
    nonProdAllowed: user.nonProdAllowed,
    wards: sortCodes(user.wards.map((ward) => `${ward.facilityCode}/${ward.code}`)),
    facilities: sortCodes(user.facilities.map((facility) => facility.code)),
  };
}

/** The wanted state: the patch over what is stored, or over the defaults for a new user. */
export function desiredState(before: StaffState | null, patch: StaffUserPatch): StaffState {
  const base: StaffState = before ?? {
    username: "",
    displayName: "",
    roles: [],
    enabled: true,
    nonProdAllowed: false,
    wards: [],
    facilities: [],
  };
  return {
    username: patch.username ?? base.username,
    displayName: patch.displayName ?? base.displayName,
    roles: sortRoles(patch.roles ?? base.roles),
    enabled: patch.enabled ?? base.enabled,
    nonProdAllowed: patch.nonProdAllowed ?? base.nonProdAllowed,
    wards: sortCodes(patch.wards ?? base.wards),
    facilities: sortCodes(patch.facilities ?? base.facilities),
  };
}

const same = (a: StaffState[StaffField], b: StaffState[StaffField]) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b;

/** Every field for a new user; otherwise the fields whose value differs. */
export function changedFields(before: StaffState | null, after: StaffState): StaffField[] {
  if (!before) return [...staffFields];
  return staffFields.filter((field) => !same(before[field], after[field]));
}
