import { describe, expect, it } from "vitest";
import { consoleSections, consoleSectionsFor } from "./console-sections";

describe("console sections", () => {
  it("gives an admin every admin section and no IG report", () => {
    const slugs = consoleSectionsFor(["admin"]).map((section) => section.slug);
    expect(slugs).toContain("users");
    expect(slugs).toContain("feed");
    expect(slugs).not.toContain("ig");
  });

  it("gives an IG auditor the IG reports only", () => {
    expect(consoleSectionsFor(["ig-auditor"]).map((section) => section.slug)).toEqual(["ig"]);
  });

  it("gives clinical staff nothing", () => {
    expect(consoleSectionsFor(["clinician", "ward-clerk"])).toEqual([]);
  });

  it("has one slug per section", () => {
    const slugs = consoleSections.map((section) => section.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});
