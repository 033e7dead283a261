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
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { toAppError } from "@/lib/to-app-error";
import { type StaffImportResult, staffImportBatchSize, writeStaffBatch } from "./csv-import-batches";
import { checkFile, type SelfChange } from "./csv-import-check";
import type { CsvRowError } from "./csv-rows";
import { selfChangeMessage } from "./self-change";
import { type ChangedBy, recordSelfChangeRefusal } from "./staff-write";

export { type StaffImportResult, staffImportBatchSize } from "./csv-import-batches";
export {
  previewStaffImport,
  type StaffImportPreview,
  type StaffImportPreviewRow,
} from "./csv-import-preview";
export type { CsvRowError } from "./csv-rows";

export interface StaffImportBatchResult extends StaffImportResult {
  /** Index (0-based, among the file's users) of the first user this batch wrote, and of the next batch. */
  start: number;
  next: number;
  /** Users in the file. */
  total: number;
  done: boolean;
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
  const counts = await writeStaffBatch(db, catalog, group, by);
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
      counts = await writeStaffBatch(db, catalog, rows.slice(start, start + staffImportBatchSize), by);
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
