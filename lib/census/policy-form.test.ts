import { describe, expect, it } from "vitest";
import { parsePolicyForm } from "./policy-form";

const valid = {
  fields: ["consultant", "alerts"],
  graceHoursAfterDischarge: "24",
  maxDaysWithoutEvents: "30",
};

describe("the publishing and retention form", () => {
  it("accepts whole numbers and known fields, sorted and without repeats", () => {
    expect(parsePolicyForm({ ...valid, fields: ["consultant", "alerts", "alerts"] })).toEqual({
      ok: true,
      value: {
        publishing: { fields: ["alerts", "consultant"] },
        retention: { graceHoursAfterDischarge: 24, maxDaysWithoutEvents: 30 },
      },
    });
  });

  it("accepts no published extras at all, and a grace of 0", () => {
    const result = parsePolicyForm({ ...valid, fields: [], graceHoursAfterDischarge: " 0 " });
    expect(result).toMatchObject({ ok: true, value: { publishing: { fields: [] } } });
  });

  it("refuses an unknown field by name", () => {
    expect(parsePolicyForm({ ...valid, fields: ["alerts", "shoeSize"] })).toEqual({
      ok: false,
      errors: { fields: "Not a publishable field: shoeSize" },
    });
  });

  it.each([
    ["", "whole number of hours"],
    ["-1", "whole number of hours"],
    ["1.5", "whole number of hours"],
    ["twelve", "whole number of hours"],
    ["8761", "at most 8760 hours"],
  ])("refuses a grace period of %j", (grace, message) => {
    const result = parsePolicyForm({
      ...valid,
      graceHoursAfterDischarge: grace,
      maxDaysWithoutEvents: "3650",
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.graceHoursAfterDischarge).toContain(message);
  });

  it.each([
    ["0", "at least 1"],
    ["", "at least 1"],
    ["3651", "at most 3650"],
  ])("refuses %j days without events", (days, message) => {
    const result = parsePolicyForm({ ...valid, graceHoursAfterDischarge: "0", maxDaysWithoutEvents: days });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.maxDaysWithoutEvents).toContain(message);
  });

  it("refuses a grace period longer than the stale limit, which would purge as stale first", () => {
    const result = parsePolicyForm({ ...valid, graceHoursAfterDischarge: "73", maxDaysWithoutEvents: "3" });
    expect(result).toEqual({
      ok: false,
      errors: {
        graceHoursAfterDischarge:
          "The grace period (73 hours) is longer than the stale limit (3 days): discharged patients would be purged as stale first",
      },
    });
    expect(parsePolicyForm({ ...valid, graceHoursAfterDischarge: "72", maxDaysWithoutEvents: "3" }).ok).toBe(
      true,
    );
  });

  it("reports every field's problem at once", () => {
    const result = parsePolicyForm({
      fields: ["x"],
      graceHoursAfterDischarge: "a",
      maxDaysWithoutEvents: "b",
    });
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual([
      "fields",
      "graceHoursAfterDischarge",
      "maxDaysWithoutEvents",
    ]);
  });
});
