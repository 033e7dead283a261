/**
 * CSV export of audit rows for IG (RFC 4180): every field quoted, quotes doubled, CRLF line ends.
 * Cells that a spreadsheet would run as a formula (starting = + - @, or tab / carriage return,
 * per OWASP "CSV Injection") get a leading single quote, so an attacker-chosen username, reason
 * or user agent cannot execute when IG opens the file. Lines are produced page by page from the
 * keyset query, so a large export streams instead of loading into memory.
 */
import type { AuditPage, AuditRow } from "./audit-queries";

const formulaStart = /^[=+\-@\t\r]/;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let cell = String(value);
  if (formulaStart.test(cell)) cell = `'${cell}`;
  return `"${cell.replaceAll('"', '""')}"`;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export const auditCsvColumns = [
  ["occurred_at", (row) => row.occurredAt],
  ["recorded_at", (row) => row.recordedAt],
  ["action", (row) => row.action],
  // How a read was made; `device-report` is a read the device reported from its offline copy.
  ["via", (row) => row.via],
  ["outcome", (row) => row.outcome],
  ["user_id", (row) => row.userId],
  ["username", (row) => row.username],
  ["method", (row) => row.method],
  ["device_id", (row) => row.deviceId],
  ["patient_id", (row) => row.patientId],
  ["mrn", (row) => row.mrn],
  ["nhs_number", (row) => row.nhsNumber],
  ["ward_id", (row) => row.wardId],
  ["document_id", (row) => row.documentId],
  ["break_glass", (row) => row.breakGlass],
  ["offline", (row) => row.offline],
  ["reason", (row) => row.reason],
  ["ip", (row) => row.ip],
  ["detail", (row) => row.detail],
  ["event_id", (row) => row.id],
] as const satisfies readonly (readonly [string, (row: AuditRow) => string | boolean | null])[];

export function auditCsvRow(row: AuditRow): string {
  return csvLine(auditCsvColumns.map(([, value]) => value(row)));
}

/**
 * The header, then one line per row, following `nextCursor` until the query runs out.
 * `fetchPage` is one of the audit queries with its filters bound, e.g.
 * `(cursor) => auditByPatient(db, patientId, { from, to, cursor, limit: 500 })`.
 */
export async function* auditCsvLines(
  fetchPage: (cursor: string | null) => Promise<AuditPage>,
  options: { maxRows?: number } = {},
): AsyncGenerator<string> {
  yield csvLine(auditCsvColumns.map(([name]) => name));
  let cursor: string | null = null;
  let sent = 0;
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  do {
    const page: AuditPage = await fetchPage(cursor);
    for (const row of page.rows) {
      if (sent >= maxRows) return;
      yield auditCsvRow(row);
      sent++;
    }
    cursor = page.nextCursor;
  } while (cursor);
}
