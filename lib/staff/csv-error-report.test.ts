import { describe, expect, it } from "vitest";
import { errorReportName, staffImportErrorReport } from "./csv-error-report";
import { parseCsv } from "./csv-parse";

describe("staffImportErrorReport", () => {
  it("lists every problem by row and column, in row order, and reads back as the same CSV", () => {
    const report = staffImportErrorReport([
      { row: 5, column: "wards", message: "Unknown ward code: RXD01/NOPE" },
      { row: 1, column: null, message: 'The header must be "username,..."' },
      { row: 3, column: "username", message: "Same username as row 2" },
    ]);
    expect(parseCsv(report).map((record) => record.fields)).toEqual([
      ["row", "column", "message"],
      ["1", "", 'The header must be "username,..."'],
      ["3", "username", "Same username as row 2"],
      ["5", "wards", "Unknown ward code: RXD01/NOPE"],
    ]);
    expect(report.endsWith("\r\n")).toBe(true);
  });

  it("keeps a cell that looks like a formula from running in a spreadsheet", () => {
    const report = staffImportErrorReport([{ row: 2, column: "wards", message: '=HYPERLINK("x")' }]);
    expect(parseCsv(report)[1]?.fields[2]).toBe('\'=HYPERLINK("x")');
  });

  it("names the download after the file, without characters a file system refuses", () => {
    expect(errorReportName("Ward staff (March).CSV")).toBe("staff-import-errors-Ward-staff-March-.csv");
    expect(errorReportName(".csv")).toBe("staff-import-errors-file.csv");
  });
});
