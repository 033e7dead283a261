/**
 * The staff directory: who may sign in, with which roles and ward scope. Stored in `staff_user`
 * (username lower-case, so look-ups are case-insensitive) with scope in `user_ward_access` and
 * `user_facility_access`; every change writes a `user.changed` audit row in the same transaction.
 */
import "server-only";
import { z } from "zod";
import { normaliseUsername } from "@/lib/auth/principal";
import { forgetCheckedSessions } from "@/lib/auth/sessions/session-check-cache";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { selfChangeMessage, selfGuardedChanges } from "./self-change";
import { changedFields, desiredState, type StaffState, stateOf } from "./staff-changes";
import {
  facilityCodeSchema,
  maxScopeEntries,
  parseOrBadRequest,
  type StaffUserInputRaw,
  type StaffUserPatch,
  staffUserInputSchema,
  staffUserPatchSchema,
  wardCodeSchema,
} from "./staff-schema";
import { loadScopeCatalog } from "./staff-scope";
import { type StaffUser, selectStaffUsers } from "./staff-user";
import {
  type ChangedBy,
  isUsernameConflict,
  recordSelfChangeRefusal,
  usernameTaken,
  writeStaffUser,
} from "./staff-write";

export type { StaffUser } from "./staff-user";
export type { ChangedBy } from "./staff-write";
export type StaffUserPatchRaw = Partial<StaffUserInputRaw>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createStaffUser(
  db: Database,
  input: StaffUserInputRaw,
  by: ChangedBy,
): Promise<StaffUser> {
  const parsed = parseOrBadRequest(staffUserInputSchema, input, "user");
  return mapConflict(parsed.username, () =>
    writeTransaction(db, async (tx) => {
      const { id } = await writeStaffUser(
        tx,
        await loadScopeCatalog(tx),
        null,
        desiredState(null, parsed),
        by,
      );
      return (await readById(tx, id))!;
    }),
  );
}

/**
 * Absent fields keep their value; `wards` or `facilities` given replace that part of the scope.
 * Changing one's own roles or scope is refused (403, audited): another admin must do it.
 */
export async function updateStaffUser(
  db: Database,
  id: string,
  patch: StaffUserPatchRaw,
  by: ChangedBy,
): Promise<StaffUser> {
  const parsed = parseOrBadRequest(staffUserPatchSchema, patch, "user");
  const changed = await applyChange(db, id, () => parsed, by, parsed.username ?? "");
  // Disabled, or roles changed: this process re-reads sessions now, others within 5 s.
  forgetCheckedSessions();
  return changed;
}

/** Grants and removals of ward ("FACILITY/WARD") and facility codes, applied to the scope as stored. */
export interface ScopeChange {
  grantWards?: string[];
  removeWards?: string[];
  grantFacilities?: string[];
  removeFacilities?: string[];
}

/**
 * Adds and removes scope entries against the scope read inside the transaction, so two admins
 * granting different wards at once both keep theirs (a whole-list replace would drop one).
 */
export async function changeStaffScope(
  db: Database,
  id: string,
  change: ScopeChange,
  by: ChangedBy,
): Promise<StaffUser> {
  const parsed = parseOrBadRequest(scopeChangeSchema, change, "scope");
  const apply = (current: string[], grant: string[] = [], remove: string[] = []) =>
    [...new Set([...current, ...grant])].filter((code) => !remove.includes(code));
  return applyChange(
    db,
    id,
    (before) => ({
      wards: apply(before.wards, parsed.grantWards, parsed.removeWards),
      facilities: apply(before.facilities, parsed.grantFacilities, parsed.removeFacilities),
    }),
    by,
    "",
  );
}

const scopeChangeSchema = z.object({
  grantWards: z.array(wardCodeSchema).max(maxScopeEntries).optional(),
  removeWards: z.array(wardCodeSchema).max(maxScopeEntries).optional(),
  grantFacilities: z.array(facilityCodeSchema).max(maxScopeEntries).optional(),
  removeFacilities: z.array(facilityCodeSchema).max(maxScopeEntries).optional(),
});

async function applyChange(
  db: Database,
  id: string,
  patchOf: (before: StaffState) => StaffUserPatch,
  by: ChangedBy,
  username: string,
): Promise<StaffUser> {
  const result = await mapConflict(username, () =>
    writeTransaction(db, async (tx) => {
      const before = await readById(tx, id);
      if (!before) throw new AppError("not_found", "No such user");
      const after = desiredState(stateOf(before), patchOf(stateOf(before)));
      const refused = selfGuardedChanges(before.id, by.userId, changedFields(stateOf(before), after));
      if (refused.length > 0) {
        // Recorded, and committed, before the refusal is thrown below.
        await recordSelfChangeRefusal(tx, { targetUserId: before.id, fields: refused, by, source: "api" });
        return { refused };
      }
      const { outcome } = await writeStaffUser(tx, await loadScopeCatalog(tx), before, after, by);
      return { user: outcome === "unchanged" ? before : (await readById(tx, id))! };
    }),
  );
  if ("refused" in result) throw new AppError("forbidden", selfChangeMessage);
  return result.user;
}

/** A disabled user cannot sign in; sessions are re-checked per request, so it takes effect at once. */
export function disableStaffUser(db: Database, id: string, by: ChangedBy): Promise<StaffUser> {
  return updateStaffUser(db, id, { enabled: false }, by);
}

export function enableStaffUser(db: Database, id: string, by: ChangedBy): Promise<StaffUser> {
  return updateStaffUser(db, id, { enabled: true }, by);
}

export async function getStaffUser(db: Queryable, id: string): Promise<StaffUser | null> {
  return readById(db, id);
}

/** `TRUST\JBloggs` finds `trust\jbloggs`: usernames are stored normalised. */
export async function findStaffUserByUsername(db: Queryable, username: string): Promise<StaffUser | null> {
  const [user] = await selectStaffUsers(db, "WHERE username = $1", [normaliseUsername(username)]);
  return user ?? null;
}

export interface ListStaffUsersOptions {
  /** Matches part of the username or display name, ignoring case. */
  search?: string;
  limit?: number;
  /** The `nextCursor` of the previous page (a username: pages are in username order). */
  cursor?: string | null;
}

export async function listStaffUsers(
  db: Queryable,
  options: ListStaffUsersOptions = {},
): Promise<{ users: StaffUser[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 500);
  const params: unknown[] = [];
  const where: string[] = [];
  if (options.cursor) {
    params.push(options.cursor);
    where.push(`username > $${params.length}`);
  }
  const search = options.search?.trim().toLowerCase();
  if (search) {
    // Backslash is LIKE's escape character and also appears in every username.
    params.push(`%${search.replace(/[\\%_]/g, "\\$&")}%`);
    where.push(`(username LIKE $${params.length} OR lower(display_name) LIKE $${params.length})`);
  }
  params.push(limit + 1);
  const clause = `${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY username LIMIT $${params.length}`;
  const users = await selectStaffUsers(db, clause, params);
  const page = users.slice(0, limit);
  return { users: page, nextCursor: users.length > limit ? (page.at(-1)?.username ?? null) : null };
}

async function readById(db: Queryable, id: string): Promise<StaffUser | null> {
  if (!uuidPattern.test(id)) return null;
  const [user] = await selectStaffUsers(db, "WHERE id = $1", [id]);
  return user ?? null;
}

async function mapConflict<T>(username: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUsernameConflict(error)) throw usernameTaken(username);
    throw error;
  }
}
