/** What importing a staff CSV would do, row by row: create, update, unchanged or error. Writes nothing. */
import "server-only";
import type { Queryable } from "@/lib/db/types";
import { staffImportBatchSize } from "./csv-import-batches";
import { checkFile, usersByUsername } from "./csv-import-check";
import type { CsvRowError, StaffCsvRecord } from "./csv-rows";
import { selfChangeMessage } from "./self-change";
import { changedFields, desiredState, type StaffField, stateOf } from "./staff-changes";
import type { ChangedBy } from "./staff-write";

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
