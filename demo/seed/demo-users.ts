/**
 * One demo user per role for local and demo deployments, so the app can be tried without a
 * directory feed. Only missing users are created: an admin's later edits to a demo user stand.
 * Scope is taken from the facility table (run after the demo hospital is loaded).
 */
import "server-only";
import type { Role } from "@/lib/access/roles";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { createStaffUser, findStaffUserByUsername, type StaffUser } from "@/lib/staff/staff-directory";
import type { StaffUserInputRaw } from "@/lib/staff/staff-schema";

export interface DemoUser {
  user: StaffUser;
  /** False when the user was already there. */
  created: boolean;
}

async function firstWardCodes(db: Database, facilityCode: string, count: number): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>(
    `SELECT w.code FROM ward w JOIN facility f ON f.id = w.facility_id
      WHERE f.code = $1 ORDER BY w.code LIMIT ${count}`,
    [facilityCode],
  );
  if (rows.length < count) {
    throw new AppError(
      "unprocessable",
      `Demo users need ${count} wards at ${facilityCode}; load the demo hospital first`,
    );
  }
  return rows.map((row) => `${facilityCode}/${row.code}`);
}

export async function demoUserInputs(db: Database): Promise<StaffUserInputRaw[]> {
  const common = { nonProdAllowed: true, enabled: true };
  const user = (username: string, displayName: string, role: Role, scope: object = {}) => ({
    username,
    displayName,
    roles: [role],
    ...scope,
    ...common,
  });
  return [
    user("demo\\clinician", "Demo Clinician", "clinician", { wards: await firstWardCodes(db, "RXD01", 2) }),
    user("demo\\clerk", "Demo Ward Clerk", "ward-clerk", { facilities: ["RXD02"] }),
    user("demo\\admin", "Demo Admin", "admin"),
    user("demo\\auditor", "Demo IG Auditor", "ig-auditor"),
  ];
}

/** Idempotent: a second run creates nothing and returns the same users with `created: false`. */
export async function ensureDemoUsers(db: Database): Promise<DemoUser[]> {
  const result: DemoUser[] = [];
  for (const input of await demoUserInputs(db)) {
    const existing = await findStaffUserByUsername(db, input.username);
    if (existing) {
      result.push({ user: existing, created: false });
      continue;
    }
    try {
      result.push({ user: await createStaffUser(db, input, {}), created: true });
    } catch (error) {
      // Two instances starting together: the other one created it first.
      const raced = error instanceof AppError && error.code === "conflict";
      const user = raced ? await findStaffUserByUsername(db, input.username) : null;
      if (!user) throw error;
      result.push({ user, created: false });
    }
  }
  return result;
}
