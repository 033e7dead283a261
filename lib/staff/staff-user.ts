/**
 * Reads staff users back from `staff_user` with their scope from `user_ward_access` and
 * `user_facility_access` (joined to `ward` and `facility` for codes and names). Rows are parsed
 * like any other input: `roles` is JSON text and is validated on the way out.
 */
import "server-only";
import { z } from "zod";
import { roles as knownRoles, type Role } from "@/lib/access/roles";
import { placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";

export interface StaffUser {
  id: string;
  /** DOMAIN\user, lower-case. */
  username: string;
  displayName: string;
  roles: Role[];
  enabled: boolean;
  nonProdAllowed: boolean;
  lockedUntil?: Date;
  wards: { id: string; code: string; facilityCode: string; name: string }[];
  facilities: { id: string; code: string; name: string }[];
}

export const staffUserColumns = "id, username, display_name, roles, enabled, non_prod_allowed, locked_until";

interface StaffUserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  enabled: boolean;
  non_prod_allowed: boolean;
  locked_until: Date | string | null;
}

// An unknown role in the database (say, one retired in a later release) grants nothing.
const storedRoles = z.array(z.string()).catch([]);
export function parseRoles(text: string): Role[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = [];
  }
  return storedRoles
    .parse(raw)
    .filter((role): role is Role => (knownRoles as readonly string[]).includes(role));
}

// One placeholder per id, as elsewhere: no array parameters to differ between adapters.
const chunkSize = 500;

/** Turns `staff_user` rows into users with their scope, keeping the rows' order. */
export async function loadStaffUsers(db: Queryable, rows: StaffUserRow[]): Promise<StaffUser[]> {
  const users = new Map<string, StaffUser>();
  for (const row of rows) {
    users.set(row.id, {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: parseRoles(row.roles),
      enabled: row.enabled,
      nonProdAllowed: row.non_prod_allowed,
      ...(row.locked_until ? { lockedUntil: new Date(row.locked_until) } : {}),
      wards: [],
      facilities: [],
    });
  }
  const ids = [...users.keys()];
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunk = ids.slice(start, start + chunkSize);
    const wards = await db.query<{
      user_id: string;
      id: string;
      code: string;
      facility_code: string;
      name: string;
    }>(
      `SELECT a.user_id, w.id, w.code, f.code AS facility_code, w.name
         FROM user_ward_access a JOIN ward w ON w.id = a.ward_id JOIN facility f ON f.id = w.facility_id
        WHERE a.user_id IN (${placeholders(chunk.length)}) ORDER BY f.code, w.code`,
      chunk,
    );
    for (const { user_id, ...ward } of wards.rows) {
      users
        .get(user_id)
        ?.wards.push({ id: ward.id, code: ward.code, facilityCode: ward.facility_code, name: ward.name });
    }
    const facilities = await db.query<{ user_id: string; id: string; code: string; name: string }>(
      `SELECT a.user_id, f.id, f.code, f.name
         FROM user_facility_access a JOIN facility f ON f.id = a.facility_id
        WHERE a.user_id IN (${placeholders(chunk.length)}) ORDER BY f.code`,
      chunk,
    );
    for (const { user_id, ...facility } of facilities.rows) users.get(user_id)?.facilities.push(facility);
  }
  return [...users.values()];
}

/** Selects users by a WHERE clause over `staff_user` and loads their scope. */
export async function selectStaffUsers(
  db: Queryable,
  where: string,
  params: unknown[],
): Promise<StaffUser[]> {
  const { rows } = await db.query<StaffUserRow>(
    `SELECT ${staffUserColumns} FROM staff_user ${where}`,
    params,
  );
  return loadStaffUsers(db, rows);
}

/** How a user's scope is written in inputs and CSV files: "RXD01/ALD101" and "RXD02". */
export function scopeCodes(user: StaffUser): { wards: string[]; facilities: string[] } {
  return {
    wards: user.wards.map((ward) => `${ward.facilityCode}/${ward.code}`).sort(),
    facilities: user.facilities.map((facility) => facility.code).sort(),
  };
}
