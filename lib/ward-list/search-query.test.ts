import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { containsPattern, parseBirthDate, parseSearchQuery } from "./search-query";

describe("search query", () => {
  it("reads an NHS number with or without spaces", () => {
    expect(parseSearchQuery("943 476 5919")).toEqual({
      type: "nhs",
      nhsNumber: "9434765919",
      raw: "943 476 5919",
    });
    expect(parseSearchQuery(" 9434765919 ")).toMatchObject({ type: "nhs", nhsNumber: "9434765919" });
    expect(parseSearchQuery("943-476-5919")).toMatchObject({ type: "nhs", nhsNumber: "9434765919" });
  });

  it("reads anything else with digits as a hospital number", () => {
    expect(parseSearchQuery("rxd1234")).toEqual({ type: "mrn", mrn: "rxd1234" });
    expect(parseSearchQuery("12345")).toEqual({ type: "mrn", mrn: "12345" });
  });

  it("reads letters as name terms, as search keys (folded, apostrophes and accents gone)", () => {
    expect(parseSearchQuery("Smith")).toEqual({ type: "name", terms: ["smith"] });
    expect(parseSearchQuery("Smith, John")).toEqual({ type: "name", terms: ["smith", "john"] });
    expect(parseSearchQuery("O'Neil")).toEqual({ type: "name", terms: ["oneil"] });
    expect(parseSearchQuery("MÜLLER Siân")).toEqual({ type: "name", terms: ["muller", "sian"] });
  });

  it("refuses a term that folds to fewer than 2 letters", () => {
    expect(() => parseSearchQuery("O' Brien")).toThrow(/at least 2 letters/);
  });

  it("reads a surname with a UK day/month/year or an ISO birth date", () => {
    const jones = { type: "name-birth-date", terms: ["jones"], birthDate: "1945-03-02" };
    for (const input of ["Jones 02/03/1945", "Jones 2/3/1945", "jones 02.03.1945", "Jones 02-03-1945"]) {
      expect(parseSearchQuery(input)).toEqual(jones);
    }
    expect(parseSearchQuery("Jones 1945-03-02")).toEqual(jones);
    expect(parseSearchQuery("  1945-03-02   JONES ")).toEqual(jones);
    expect(parseSearchQuery("Jones, Aled 29/02/1944")).toEqual({
      type: "name-birth-date",
      terms: ["jones", "aled"],
      birthDate: "1944-02-29",
    });
  });

  it("refuses birth dates that do not exist or are not written in full", () => {
    for (const input of [
      "Jones 31/02/1945",
      "Jones 29/02/1945",
      "Jones 00/03/1945",
      "Jones 02/13/1945",
      "Jones 1945-02-30",
      "Jones 1945-3-2",
      "Jones 02/03/45",
      "Jones 02/03-1945",
    ]) {
      expect(() => parseSearchQuery(input), input).toThrow(AppError);
    }
    expect(() => parseBirthDate("1945-13-01")).toThrow(/does not exist/);
    expect(parseBirthDate("31/12/1999")).toBe("1999-12-31");
  });

  it("refuses a birth date without a surname, two dates, or a date beside an identifier", () => {
    for (const input of ["02/03/1945", "Jones 02/03/1945 03/03/1945", "RXD1001 02/03/1945", "J 02/03/1945"]) {
      expect(() => parseSearchQuery(input), input).toThrow(AppError);
    }
  });

  it("refuses queries too short or too long to be useful", () => {
    for (const input of ["", " ", "a", "Smith J", "x".repeat(101)]) {
      expect(() => parseSearchQuery(input)).toThrow(AppError);
    }
  });

  it("escapes LIKE wildcards", () => {
    expect(containsPattern("a%b_c")).toBe("%a\\%b\\_c%");
  });
});
