import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv } from "./csv-parse";

const fieldsOf = (text: string) => parseCsv(text).map((record) => record.fields);

describe("parseCsv (RFC 4180)", () => {
  it("reads CRLF and LF records, with or without a final line break", () => {
    expect(fieldsOf("a,b\r\nc,d\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(fieldsOf("a,b\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("keeps commas, doubled quotes and line breaks inside quoted fields", () => {
    const text = 'name,note\r\n"Bloggs, Joe","said ""hi""\r\nthen left"\r\nx,""\r\n';
    expect(fieldsOf(text)).toEqual([
      ["name", "note"],
      ["Bloggs, Joe", 'said "hi"\r\nthen left'],
      ["x", ""],
    ]);
  });

  it("drops a UTF-8 byte order mark and skips blank lines, numbering rows as a spreadsheet does", () => {
    const records = parseCsv('\uFEFFusername,x\n\n"a\nb",c\nd,e\n');
    expect(records).toEqual([
      { row: 1, fields: ["username", "x"] },
      { row: 3, fields: ["a\nb", "c"] },
      { row: 4, fields: ["d", "e"] },
    ]);
  });

  it("keeps empty fields", () => {
    expect(fieldsOf(",a,\n")).toEqual([["", "a", ""]]);
  });

  it("refuses an unclosed quote and stray quotes, naming the row", () => {
    expect(() => parseCsv('a\n"b,c\n')).toThrow(new CsvSyntaxError(2, "a quoted field is not closed"));
    expect(() => parseCsv('a\nb"c\n')).toThrow(/Row 2: a quote inside an unquoted field/);
    expect(() => parseCsv('"a"b\n')).toThrow(/Row 1: unexpected text after a closing quote/);
  });
});
