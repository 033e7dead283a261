import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { maxStaffCsvRows, validateStaffCsv } from "./csv-rows";

const header = "username,display_name,roles,wards,facilities,enabled,non_prod_allowed";

describe("validateStaffCsv", () => {
  it("reads lists separated by semicolons and booleans, with defaults for blanks", () => {
    const { rows, errors } = validateStaffCsv(
      `${header}\r\nTRUST\\JBloggs,"Bloggs, Joe",clinician; ward-clerk,RXD01/ALD101;RXD01/BEE102,,,yes\r\n`,
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        input: {
          username: "trust\\jbloggs",
          displayName: "Bloggs, Joe",
          roles: ["clinician", "ward-clerk"],
          wards: ["RXD01/ALD101", "RXD01/BEE102"],
          facilities: [],
          enabled: true,
          nonProdAllowed: true,
        },
      },
    ]);
  });

  it("accepts the columns in any order and in any case", () => {
    const text =
      "ROLES,username,display_name,wards,facilities,enabled,non_prod_allowed\nadmin,a\\b,B,,,false,\n";
    expect(validateStaffCsv(text).rows[0]?.input).toMatchObject({ username: "a\\b", enabled: false });
  });

  it("lists every problem in every row, with row numbers and column names", () => {
    const text = [
      header,
      "trust\\ok,Ok,admin,,,,",
      "jbloggs,,surgeon,ALD101,,maybe,",
      "trust\\ok,Again,admin,,,,",
      "trust\\short,Short,admin",
    ].join("\n");
    const { rows, errors } = validateStaffCsv(text);
    expect(rows.map((row) => row.row)).toEqual([2]);
    expect(errors.map(({ row, column }) => [row, column])).toEqual([
      [3, "enabled"],
      [3, "username"],
      [3, "display_name"],
      [3, "roles"],
      [3, "wards"],
      [4, "username"],
      [5, null],
    ]);
    expect(errors[1]?.message).toMatch(/DOMAIN\\user/);
    expect(errors[5]?.message).toBe("Same username as row 2");
  });

  it("refuses a wrong header, naming the missing and unknown columns", () => {
    const { errors } = validateStaffCsv("username,name,roles\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(
      /missing display_name, wards, facilities, enabled, non_prod_allowed; unknown name/,
    );
  });

  it("reports a syntax error as a row error and refuses more than the maximum rows", () => {
    expect(validateStaffCsv(`${header}\n"a\\b,B,admin,,,,\n`).errors).toEqual([
      { row: 2, column: null, message: "Row 2: a quoted field is not closed" },
    ]);
    const big = `${header}\n${"a\\b,B,admin,,,,\n".repeat(maxStaffCsvRows + 1)}`;
    expect(() => validateStaffCsv(big)).toThrow(AppError);
  });
});
