import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { attackCases, casesMarkdown } from "./attack-cases";

describe("the attack case list", () => {
  it("is current (run npm run attack:cases after adding or renaming a case)", () => {
    const current = readFileSync("lib/security/attack/CASES.md", "utf8");
    expect(current).toBe(casesMarkdown(attackCases()));
  });

  it("holds at least 40 cases across the suite", () => {
    const total = attackCases().reduce((sum, file) => sum + file.cases.length, 0);
    expect(total).toBeGreaterThanOrEqual(40);
  });
});
