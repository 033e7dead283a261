/**
 * Bulk import of staff from CSV (header `username,display_name,roles,wards,facilities,enabled,
 * non_prod_allowed`; lists separated by `;`), in three steps that share one check of the file:
 *
 * 1. `previewStaffImport`: every row, what importing it would do (create, update, unchanged) and
 *    its problems. Writes nothing.
 * 2. The whole file is checked again before any write, codes included: one bad row means nothing
 *    is written at all. A file that would change the importing admin's own roles or scope is
 *    refused whole (403, audited).
 * 3. Rows are written in batches of `staffImportBatchSize`, each its own transaction: long
 *    transactions over many users conflict with sign-ins on Aurora DSQL and, once the retries are
 *    spent, would fail with earlier batches committed anyway. Every row is an upsert by username
 *    that writes nothing when the user already matches, so running the same file again after a
 *    failure skips what was written and completes the import without duplicates.
 *
 * `importStaffBatch` writes one batch per call (the console calls it batch by batch and moves
 * its progress bar); `importStaffCsv` runs every batch in one call (the JSON API).
 */
import "server-only";
import { placeholders } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import { isRetryableConflict, writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { toAppError } from "@/lib/to-app-error";
import { type CsvRowError, type StaffCsvRecord, type ValidStaffRow, validateStaffCsv } from "./csv-rows";
import { clinicalRolesGranted, selfChangeMessage, selfGuardedChanges } from "./self-change";
import { changedFields, desiredState, type StaffField, stateOf } from "./staff-changes";
import { loadScopeCatalog, type ScopeCatalog, unknownScopeCodes } from "./staff-scope";
import { type StaffUser, selectStaffUsers } from "./staff-user";
import { type ChangedBy, isUsernameConflict, recordSelfChangeRefusal, writeStaffUser } from "./staff-write";

export type { CsvRowError } from "./csv-rows";

/** Users per transaction (the DSQL issue: about 200, not 1,250). */
export const staffImportBatchSize = 200;

// DSQL counts every inserted, updated or deleted row (audit rows included); a margin stays free.
const rowsPerTransaction = 2_500;

export interface StaffImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export interface StaffImportBatchResult extends StaffImportResult {
  /** Index (0-based, among the file's users) of the first user this batch wrote, and of the next batch. */
  start: number;
  next: number;
  /** Users in the file. */
  total: number;
  done: boolean;
}

export interface StaffImportPreviewRow {
  row: number;
  cells: StaffCsvRecord["cells"];
  action: "create" | "update" | "unchanged" | "error";
  /** For an update: the fields that would change. */
  fields: StaffField[];
  errors: CsvRowError[];
}

export interface StaffImportPreview {
  rows: StaffImportPreviewRow[];
  /** Every problem, file-level ones (the header, an unclosed quote) included; sorted by row. */
  errors: CsvRowError[];
  counts: { create: number; update: number; unchanged: number };
  total: number;
  batchSize: number;
  batches: number;
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

/**
 * A batch failed after its retries. `written` users (the batches before it) are committed; the
 * message says so and that importing the same file again completes the import.
 */
export class StaffImportIncompleteError extends AppError {
  constructor(
    readonly written: number,
    readonly total: number,
    cause: AppError,
  ) {
    super(
      cause.code,
      `${written} of ${total} users were imported before a batch failed (${cause.message}). ` +
        "Import the same file again to complete it: users already imported are left as they are.",
      { cause, ...(cause.retryAfterSeconds ? { retryAfterSeconds: cause.retryAfterSeconds } : {}) },
    );
  }
}

interface SelfChange {
  row: number;
  targetUserId: string;
  fields: StaffField[];
}

interface CheckedFile {
  /** The rows that passed every check (all of them only when `errors` is empty). */
  valid: ValidStaffRow[];
  records: StaffCsvRecord[];
  errors: CsvRowError[];
  catalog: ScopeCatalog;
  selfChange: SelfChange | null;
}

/** Syntax, schema, duplicate names and unknown codes for every row; and the actor's own row. */
async function checkFile(db: Queryable, text: string, by: ChangedBy): Promise<CheckedFile> {
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

export async function previewStaffImport(
  db: Queryable,
  text: string,
  by: ChangedBy,
): Promise<StaffImportPreview> {
  const checked = await checkFile(db, text, by);
  const errors = [...checked.errors];
  if (checked.selfChange) {
    errors.push({
      row: checked.selfChange.row,
      column: checked.selfChange.fields.includes("roles")
        ? "roles"
        : checked.selfChange.fields[0] === "wards"
          ? "wards"
          : "facilities",
      message: `This row would change your own account (${checked.selfChange.fields.join(", ")}). ${selfChangeMessage}`,
    });
    errors.sort((a, b) => a.row - b.row);
  }
  const existing = await usersByUsername(
    db,
    checked.valid.map((row) => row.input.username),
  );
  const inputOf = new Map(checked.valid.map((row) => [row.row, row.input]));
  const counts = { create: 0, update: 0, unchanged: 0 };
  const rows = checked.records.map((record): StaffImportPreviewRow => {
    const rowErrors = errors.filter((error) => error.row === record.row);
    const input = inputOf.get(record.row);
    if (rowErrors.length > 0 || !input) return { ...record, action: "error", fields: [], errors: rowErrors };
    const before = existing.get(input.username);
    const fields = changedFields(
      before ? stateOf(before) : null,
      desiredState(before ? stateOf(before) : null, input),
    );
    const action = !before ? "create" : fields.length === 0 ? "unchanged" : "update";
    counts[action]++;
    return { ...record, action, fields: before ? fields : [], errors: [] };
  });
  return {
    rows,
    errors,
    counts,
    total: checked.records.length,
    batchSize: staffImportBatchSize,
    batches: Math.ceil(checked.records.length / staffImportBatchSize),
  };
}

/** Checks the whole file, then refuses it (bad rows, or the actor's own row, audited) or returns its rows. */
async function acceptedRows(db: Database, text: string, by: ChangedBy) {
  const checked = await checkFile(db, text, by);
  if (checked.errors.length > 0) throw new StaffCsvError(checked.errors);
  if (checked.selfChange) await refuseSelfChange(db, checked.selfChange, by);
  return { rows: checked.valid, catalog: checked.catalog };
}

/** Writes the batch of users starting at `start` (0, then each result's `next`), after checking the whole file. */
export async function importStaffBatch(
  db: Database,
  text: string,
  by: ChangedBy,
  start: number,
): Promise<StaffImportBatchResult> {
  const { rows, catalog } = await acceptedRows(db, text, by);
  if (!Number.isInteger(start) || start < 0 || start > rows.length) {
    throw new AppError("bad_request", `The file has ${rows.length} users; no batch starts at ${start}`);
  }
  const group = rows.slice(start, start + staffImportBatchSize);
  const counts = await writeBatch(db, catalog, group, by);
  const next = start + group.length;
  return { ...counts, start, next, total: rows.length, done: next >= rows.length };
}

/** The whole import in one call: checked once, then written batch by batch. */
export async function importStaffCsv(db: Database, text: string, by: ChangedBy): Promise<StaffImportResult> {
  const { rows, catalog } = await acceptedRows(db, text, by);
  const result: StaffImportResult = { created: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < rows.length; start += staffImportBatchSize) {
    let counts: StaffImportResult;
    try {
      counts = await writeBatch(db, catalog, rows.slice(start, start + staffImportBatchSize), by);
    } catch (error) {
      if (start > 0)
        throw new StaffImportIncompleteError(start, rows.length, toAppError(error, "staff-import"));
      throw error;
    }
    result.created += counts.created;
    result.updated += counts.updated;
    result.unchanged += counts.unchanged;
  }
  return result;
}

/** Audits the refusal, then refuses the whole file: nothing is imported. */
async function refuseSelfChange(db: Database, change: SelfChange, by: ChangedBy): Promise<never> {
  await writeTransaction(db, (tx) => recordSelfChangeRefusal(tx, { ...change, by, source: "csv" }));
  throw new AppError(
    "forbidden",
    `Nothing was imported: row ${change.row} (${change.fields.join(", ")}) would change your own account. ${selfChangeMessage}`,
  );
}

/**
 * One batch: usually one transaction; split further only when the users' scope rows would pass
 * DSQL's modified-row limit (a user has at most 1,000 scope entries, so one user always fits).
 */
async function writeBatch(
  db: Database,
  catalog: ScopeCatalog,
  group: ValidStaffRow[],
  by: ChangedBy,
): Promise<StaffImportResult> {
  const counts: StaffImportResult = { created: 0, updated: 0, unchanged: 0 };
  const existing = await usersByUsername(
    db,
    group.map((row) => row.input.username),
  );
  const parts: ValidStaffRow[][] = [];
  let part: ValidStaffRow[] = [];
  let cost = 0;
  for (const row of group) {
    const before = existing.get(row.input.username);
    const after = desiredState(before ? stateOf(before) : null, row.input);
    // User row + audit row (+ the clinical-role flag) + old scope rows deleted + new scope rows inserted.
    const rowCost =
      2 +
      (clinicalRolesGranted(before ? stateOf(before) : null, after).length > 0 ? 1 : 0) +
      (before ? before.wards.length + before.facilities.length : 0) +
      after.wards.length +
      after.facilities.length;
    if (cost + rowCost > rowsPerTransaction && part.length > 0) {
      parts.push(part);
      part = [];
      cost = 0;
    }
    part.push(row);
    cost += rowCost;
  }
  if (part.length > 0) parts.push(part);
  for (const rows of parts) {
    const written = await writePart(db, catalog, rows, by);
    counts.created += written.created;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
  }
  return counts;
}

async function writePart(db: Database, catalog: ScopeCatalog, rows: ValidStaffRow[], by: ChangedBy) {
  try {
    // Counts come back from the transaction so a retried attempt starts from zero.
    return await writeTransaction(db, async (tx) => {
      const counts: StaffImportResult = { created: 0, updated: 0, unchanged: 0 };
      // Read inside the transaction: an earlier run, or another admin, may have written these users.
      const current = await usersByUsername(
        tx,
        rows.map((row) => row.input.username),
      );
      for (const { input } of rows) {
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
        "Another change created one of these users during the import; import the same file again",
      );
    }
    // Retries spent (writeTransaction): other writers, sign-ins on DSQL, kept winning.
    if (isRetryableConflict(error)) {
      throw new AppError("unavailable", "Other changes kept conflicting with a batch of users", {
        cause: error,
      });
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
