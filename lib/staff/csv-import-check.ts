/**
 * The one check of a staff CSV that preview and import share: syntax, schema, duplicate names and
 * unknown ward or facility codes for every row, and whether a row would change the importing
 * admin's own account.
 */
import "server-only";
import { placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import { type CsvRowError, type StaffCsvRecord, type ValidStaffRow, validateStaffCsv } from "./csv-rows";
import { selfGuardedChanges } from "./self-change";
import { changedFields, desiredState, type StaffField, stateOf } from "./staff-changes";
import { loadScopeCatalog, type ScopeCatalog, unknownScopeCodes } from "./staff-scope";
import { type StaffUser, selectStaffUsers } from "./staff-user";
import type { ChangedBy } from "./staff-write";

export interface SelfChange {
  row: number;
  targetUserId: string;
  fields: StaffField[];
}

export interface CheckedFile {
  /** The rows that passed every check (all of them only when `errors` is empty). */
  valid: ValidStaffRow[];
  records: StaffCsvRecord[];
  errors: CsvRowError[];
  catalog: ScopeCatalog;
  selfChange: SelfChange | null;
}

/** Syntax, schema, duplicate names and unknown codes for every row; and the actor's own row. */
export async function checkFile(db: Queryable, text: string, by: ChangedBy): Promise<CheckedFile> {
  const { rows, errors, records } = validateStaffCsv(text);
  const catalog = await loadScopeCatalog(db);
  const valid: ValidStaffRow[] = [];
  for (const row of rows) {
    const unknown = unknownScopeCodes(catalog, row.input);
    if (unknown.wards.length)
      errors.push({
        row: row.row,
        column: "wards",
        message: `Unknown ward code: ${unknown.wards.join(", ")}`,
      });
    if (unknown.facilities.length) {
      errors.push({
        row: row.row,
        column: "facilities",
        message: `Unknown facility code: ${unknown.facilities.join(", ")}`,
      });
    }
    if (!unknown.wards.length && !unknown.facilities.length) valid.push(row);
  }
  errors.sort((a, b) => a.row - b.row);
  return { valid, records, errors, catalog, selfChange: await ownRow(db, valid, by) };
}

/** The row, if any, that would change the importing admin's own roles or scope. */
async function ownRow(db: Queryable, rows: ValidStaffRow[], by: ChangedBy): Promise<SelfChange | null> {
  if (!by.userId) return null;
  const [self] = await selectStaffUsers(db, "WHERE id = $1", [by.userId]);
  const row = self && rows.find((candidate) => candidate.input.username === self.username);
  if (!self || !row) return null;
  const fields = selfGuardedChanges(
    self.id,
    by.userId,
    changedFields(stateOf(self), desiredState(stateOf(self), row.input)),
  );
  return fields.length > 0 ? { row: row.row, targetUserId: self.id, fields } : null;
}

export async function usersByUsername(db: Queryable, usernames: string[]): Promise<Map<string, StaffUser>> {
  const users = new Map<string, StaffUser>();
  for (let start = 0; start < usernames.length; start += 500) {
    const chunk = usernames.slice(start, start + 500);
    for (const user of await selectStaffUsers(db, `WHERE username IN (${placeholders(chunk.length)})`, chunk))
      users.set(user.username, user);
  }
  return users;
}
