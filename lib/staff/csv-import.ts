/**
 * Bulk import of staff from CSV (header `username,display_name,roles,wards,facilities,enabled,
 * non_prod_allowed`; lists separated by `;`). Every row is validated, codes included, before
 * anything is written: one bad row means no import and a list of every bad row. A file that would
 * change the importing admin's own roles or scope is refused whole (403, audited). Users are then
 * upserted by username, in transactions sized under Aurora DSQL's 3,000 modified rows each.
 */
import "server-only";
import { placeholders } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { type CsvRowError, type ValidStaffRow, validateStaffCsv } from "./csv-rows";
import { clinicalRolesGranted, selfChangeMessage, selfGuardedChanges } from "./self-change";
import { changedFields, desiredState, type StaffField, stateOf } from "./staff-changes";
import { loadScopeCatalog, type ScopeCatalog, unknownScopeCodes } from "./staff-scope";
import { type StaffUser, selectStaffUsers } from "./staff-user";
import { type ChangedBy, isUsernameConflict, recordSelfChangeRefusal, writeStaffUser } from "./staff-write";

export type { CsvRowError } from "./csv-rows";

export interface StaffImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** A refused file: `errors` lists every problem, by spreadsheet row and column. */
export class StaffCsvError extends AppError {
  constructor(readonly errors: CsvRowError[]) {
    const shown = errors
      .slice(0, 10)
      .map((error) => `row ${error.row}${error.column ? ` (${error.column})` : ""}: ${error.message}`);
    const more = errors.length > 10 ? `; and ${errors.length - 10} more` : "";
    super("bad_request", `Nothing was imported. ${errors.length} problem(s): ${shown.join("; ")}${more}`);
  }
}

// DSQL counts every inserted, updated or deleted row (audit row included); a margin stays free.
const rowsPerTransaction = 2_500;

export async function importStaffCsv(db: Database, text: string, by: ChangedBy): Promise<StaffImportResult> {
  const { rows, errors } = validateStaffCsv(text);
  const catalog = await loadScopeCatalog(db);
  for (const { row, input } of rows) {
    const unknown = unknownScopeCodes(catalog, input);
    if (unknown.wards.length)
      errors.push({ row, column: "wards", message: `Unknown ward code: ${unknown.wards.join(", ")}` });
    if (unknown.facilities.length) {
      errors.push({
        row,
        column: "facilities",
        message: `Unknown facility code: ${unknown.facilities.join(", ")}`,
      });
    }
  }
  if (errors.length > 0) throw new StaffCsvError(errors.sort((a, b) => a.row - b.row));

  const existing = await usersByUsername(
    db,
    rows.map((row) => row.input.username),
  );
  const result: StaffImportResult = { created: 0, updated: 0, unchanged: 0 };
  const batches: ValidStaffRow[][] = [];
  let batch: ValidStaffRow[] = [];
  let cost = 0;
  const selfChanges: { row: number; targetUserId: string; fields: StaffField[] }[] = [];
  for (const row of rows) {
    const before = existing.get(row.input.username);
    const after = desiredState(before ? stateOf(before) : null, row.input);
    const fields = changedFields(before ? stateOf(before) : null, after);
    if (before && fields.length === 0) {
      result.unchanged++;
      continue;
    }
    const guarded = selfGuardedChanges(before?.id ?? null, by.userId, fields);
    if (before && guarded.length > 0)
      selfChanges.push({ row: row.row, targetUserId: before.id, fields: guarded });
    // User row + audit row (+ the clinical-role flag) + old scope rows deleted + new scope rows inserted.
    const rowCost =
      2 +
      (clinicalRolesGranted(before ? stateOf(before) : null, after).length > 0 ? 1 : 0) +
      (before ? before.wards.length + before.facilities.length : 0) +
      after.wards.length +
      after.facilities.length;
    if (cost + rowCost > rowsPerTransaction && batch.length > 0) {
      batches.push(batch);
      batch = [];
      cost = 0;
    }
    batch.push(row);
    cost += rowCost;
  }
  if (batch.length > 0) batches.push(batch);
  if (selfChanges.length > 0) await refuseSelfChanges(db, selfChanges, by);

  for (const group of batches) {
    const counts = await writeBatch(db, catalog, group, by);
    result.created += counts.created;
    result.updated += counts.updated;
    result.unchanged += counts.unchanged;
  }
  return result;
}

/** Audits the refusal, then refuses the whole file: nothing is imported. */
async function refuseSelfChanges(
  db: Database,
  changes: { row: number; targetUserId: string; fields: StaffField[] }[],
  by: ChangedBy,
): Promise<never> {
  await writeTransaction(db, async (tx) => {
    for (const change of changes) await recordSelfChangeRefusal(tx, { ...change, by, source: "csv" });
  });
  const where = changes.map((change) => `row ${change.row} (${change.fields.join(", ")})`).join("; ");
  throw new AppError(
    "forbidden",
    `Nothing was imported: ${where} would change your own account. ${selfChangeMessage}`,
  );
}

async function writeBatch(db: Database, catalog: ScopeCatalog, group: ValidStaffRow[], by: ChangedBy) {
  try {
    // Counts come back from the transaction so a retried attempt starts from zero.
    return await writeTransaction(db, async (tx) => {
      const counts: StaffImportResult = { created: 0, updated: 0, unchanged: 0 };
      // Read again inside the transaction: someone may have edited these users since validation.
      const current = await usersByUsername(
        tx,
        group.map((row) => row.input.username),
      );
      for (const { input } of group) {
        const before = current.get(input.username) ?? null;
        const after = desiredState(before ? stateOf(before) : null, input);
        counts[(await writeStaffUser(tx, catalog, before, after, by)).outcome]++;
      }
      return counts;
    });
  } catch (error) {
    if (isUsernameConflict(error)) {
      throw new AppError(
        "conflict",
        "Another change created one of these users during the import; import again",
      );
    }
    throw error;
  }
}

async function usersByUsername(db: Queryable, usernames: string[]): Promise<Map<string, StaffUser>> {
  const users = new Map<string, StaffUser>();
  for (let start = 0; start < usernames.length; start += 500) {
    const chunk = usernames.slice(start, start + 500);
    for (const user of await selectStaffUsers(db, `WHERE username IN (${placeholders(chunk.length)})`, chunk))
      users.set(user.username, user);
  }
  return users;
}
