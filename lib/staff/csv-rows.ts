/**
 * Pure validation of a staff CSV file: the header, then every row against the same schema as the
 * admin form. All problems are collected (row number and column name) so an admin can fix the
 * whole file in one go; nothing is imported unless every row is valid.
 */
import { AppError } from "@/lib/errors";
import { CsvSyntaxError, parseCsv } from "./csv-parse";
import { type StaffUserInput, staffUserInputSchema } from "./staff-schema";

export const staffCsvColumns = [
  "username",
  "display_name",
  "roles",
  "wards",
  "facilities",
  "enabled",
  "non_prod_allowed",
] as const;
export type StaffCsvColumn = (typeof staffCsvColumns)[number];
type Column = StaffCsvColumn;

export const maxStaffCsvRows = 5_000;

export interface CsvRowError {
  /** Spreadsheet row (the header is row 1). */
  row: number;
  column: Column | null;
  message: string;
}

export interface ValidStaffRow {
  row: number;
  /** Full state: blank wards/facilities mean none, blank enabled means yes, blank non_prod_allowed no. */
  input: Required<StaffUserInput>;
}

const columnOf: Record<string, Column> = {
  username: "username",
  displayName: "display_name",
  roles: "roles",
  wards: "wards",
  facilities: "facilities",
  enabled: "enabled",
  nonProdAllowed: "non_prod_allowed",
};

const list = (value: string) =>
  value
    .split(";")
    .map((item) => item.trim())
    .filter(Boolean);

const booleans: Record<string, boolean> = {
  true: true,
  yes: true,
  y: true,
  "1": true,
  false: false,
  no: false,
  n: false,
  "0": false,
};

/** A data row as written in the file (trimmed cells), valid or not: what the preview shows. */
export interface StaffCsvRecord {
  row: number;
  cells: Record<Column, string>;
}

export interface StaffCsvValidation {
  rows: ValidStaffRow[];
  errors: CsvRowError[];
  records: StaffCsvRecord[];
}

export function validateStaffCsv(text: string): StaffCsvValidation {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { rows: [], records: [], errors: [{ row: error.row, column: null, message: error.message }] };
    throw error;
  }
  const [header, ...data] = records;
  if (!header)
    return { rows: [], records: [], errors: [{ row: 1, column: null, message: "The file is empty" }] };
  if (data.length > maxStaffCsvRows) {
    throw new AppError(
      "payload_too_large",
      `At most ${maxStaffCsvRows} users per file; this file has ${data.length}`,
    );
  }
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = staffCsvColumns.filter((column) => !names.includes(column));
  const extra = names.filter((name) => !(staffCsvColumns as readonly string[]).includes(name));
  if (missing.length > 0 || extra.length > 0) {
    const message = `The header must be ${staffCsvColumns.join(",")}${missing.length ? `; missing ${missing.join(", ")}` : ""}${extra.length ? `; unknown ${extra.join(", ")}` : ""}`;
    return { rows: [], records: [], errors: [{ row: header.row, column: null, message }] };
  }
  const rows: ValidStaffRow[] = [];
  const errors: CsvRowError[] = [];
  const shown: StaffCsvRecord[] = [];
  const seen = new Map<string, number>();
  for (const record of data) {
    const cell = (column: Column) => (record.fields[names.indexOf(column)] ?? "").trim();
    shown.push({
      row: record.row,
      cells: Object.fromEntries(staffCsvColumns.map((column) => [column, cell(column)])) as Record<
        Column,
        string
      >,
    });
    const rowErrors: CsvRowError[] = [];
    if (record.fields.length !== names.length) {
      rowErrors.push({
        row: record.row,
        column: null,
        message: `Expected ${names.length} fields, found ${record.fields.length}`,
      });
    }
    const flag = (column: Column, fallback: boolean) => {
      const value = cell(column).toLowerCase();
      if (value === "") return fallback;
      const parsed = booleans[value];
      if (parsed === undefined)
        rowErrors.push({ row: record.row, column, message: "Expected true or false" });
      return parsed ?? fallback;
    };
    const candidate = {
      username: cell("username"),
      displayName: cell("display_name"),
      roles: list(cell("roles")),
      wards: list(cell("wards")),
      facilities: list(cell("facilities")),
      enabled: flag("enabled", true),
      nonProdAllowed: flag("non_prod_allowed", false),
    };
    const parsed = staffUserInputSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = columnOf[String(issue.path[0])] ?? null;
        rowErrors.push({ row: record.row, column, message: issue.message });
      }
    } else {
      const first = seen.get(parsed.data.username);
      if (first !== undefined) {
        rowErrors.push({ row: record.row, column: "username", message: `Same username as row ${first}` });
      }
      seen.set(parsed.data.username, first ?? record.row);
    }
    if (rowErrors.length > 0 || !parsed.success) errors.push(...rowErrors);
    else rows.push({ row: record.row, input: { ...candidate, ...parsed.data } as Required<StaffUserInput> });
  }
  if (data.length === 0) errors.push({ row: header.row, column: null, message: "The file has no users" });
  return { rows, errors, records: shown };
}
