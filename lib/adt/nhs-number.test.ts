import { describe, expect, it } from "vitest";
import { formatNhsNumber, isValidNhsNumber, normaliseNhsNumber } from "./nhs-number";

describe("NHS number", () => {
  it("accepts numbers whose modulus-11 check digit is right", () => {
    // 9434765919 is the NHS Data Dictionary's worked example; the others are PDS sandbox patients.
    for (const valid of ["9434765919", "943 476 5919", "9000000009", "9000000033", "3333333333"]) {
      expect(isValidNhsNumber(valid), valid).toBe(true);
    }
  });

  it("refuses a wrong check digit, a check value of 10, and wrong lengths", () => {
    expect(isValidNhsNumber("9434765918")).toBe(false);
    // Weighted sum 4·3 = 12 ≡ 1 (mod 11) gives check value 10, which no NHS number may have,
    // whatever its last digit.
    for (let last = 0; last <= 9; last++)
      expect(isValidNhsNumber(`00000004 0${last}`.replace(" ", ""))).toBe(false);
    expect(isValidNhsNumber("943476591")).toBe(false);
    expect(isValidNhsNumber("94347659190")).toBe(false);
    expect(isValidNhsNumber("94347659AB")).toBe(false);
  });

  it("normalises and formats", () => {
    expect(normaliseNhsNumber("943-476-5919")).toBe("9434765919");
    expect(normaliseNhsNumber("nope")).toBeNull();
    expect(formatNhsNumber("9434765919")).toBe("943 476 5919");
  });
});
