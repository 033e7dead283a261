/**
 * The import's error report: one CSV line per problem (spreadsheet row, column, message), in the
 * file's row order, with the audit export's formula-safe quoting (a message quotes the admin's own
 * cell text back, so a cell such as `=HYPERLINK(...)` must not run when the report is opened).
 * Pure: the console builds it in the browser from the preview it already holds.
 */
import { csvLine } from "@/lib/audit/audit-csv";
import type { CsvRowError } from "./csv-rows";

export function staffImportErrorReport(errors: readonly CsvRowError[]): string {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  return [
    csvLine(["row", "column", "message"]),
    ...sorted.map((error) => csvLine([error.row, error.column ?? "", error.message])),
  ].join("");
}

/** `staff-import-errors-<original name>.csv`, safe as a download name. */
export function errorReportName(fileName: string): string {
  const base =
    fileName
      .replace(/\.csv$/i, "")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .slice(0, 60) || "file";
  return `staff-import-errors-${base}.csv`;
}
