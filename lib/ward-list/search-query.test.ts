import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { containsPattern, parseSearchQuery } from "./search-query";

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

  it("reads letters as name terms, lower-cased", () => {
    expect(parseSearchQuery("Smith")).toEqual({ type: "name", terms: ["smith"] });
    expect(parseSearchQuery("Smith, John")).toEqual({ type: "name", terms: ["smith", "john"] });
    expect(parseSearchQuery("O'Neil")).toEqual({ type: "name", terms: ["o'neil"] });
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
