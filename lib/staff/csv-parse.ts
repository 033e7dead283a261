/**
 * A small RFC 4180 reader: fields separated by commas, records by CRLF (LF alone is accepted too,
 * as spreadsheets on other systems write it), fields that contain commas, quotes or line breaks
 * are wrapped in double quotes and a quote inside is doubled (RFC 4180 section 2, rules 5–7).
 * A UTF-8 byte order mark, which Excel writes at the start of "CSV UTF-8", is dropped.
 */
export interface CsvRecord {
  /** 1-based record number as a spreadsheet shows it (the header is row 1). */
  row: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(`Row ${row}: ${message}`);
    this.name = "CsvSyntaxError";
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  // Counts blank lines too, so numbers match the spreadsheet the file came from.
  let row = 1;
  const endRecord = () => {
    fields.push(field);
    // A completely empty line (often the last) is not a record.
    if (fields.length > 1 || fields[0] !== "") records.push({ row, fields });
    fields = [];
    field = "";
    row++;
  };
  while (i < input.length) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        const next = input[i + 1];
        if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
          throw new CsvSyntaxError(row, "unexpected text after a closing quote");
        }
      } else {
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"') {
      if (field !== "") throw new CsvSyntaxError(row, "a quote inside an unquoted field");
      quoted = true;
    } else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\r" && input[i + 1] === "\n") {
      endRecord();
      i++;
    } else if (char === "\n" || char === "\r") {
      endRecord();
    } else {
      field += char;
    }
    i++;
  }
  if (quoted) throw new CsvSyntaxError(row, "a quoted field is not closed");
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}
