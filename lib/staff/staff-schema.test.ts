import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseOrBadRequest, staffUserInputSchema, staffUserPatchSchema } from "./staff-schema";

const valid = { username: " TRUST\\JBloggs ", displayName: "Joe Bloggs", roles: ["clinician"] };

describe("staffUserInputSchema", () => {
  it("normalises the username to lower case and trims it", () => {
    expect(staffUserInputSchema.parse(valid).username).toBe("trust\\jbloggs");
  });

  it.each(["jbloggs", "trust/jbloggs", "trust\\", "\\jbloggs", "a\\b\\c", "trust\\j bloggs"])(
    "refuses %j with a message that shows the expected form",
    (username) => {
      const result = staffUserInputSchema.safeParse({ ...valid, username });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/DOMAIN\\user/);
    },
  );

  it("needs at least one known role and a display name of 1-100 characters", () => {
    expect(staffUserInputSchema.safeParse({ ...valid, roles: [] }).success).toBe(false);
    expect(staffUserInputSchema.safeParse({ ...valid, roles: ["surgeon"] }).success).toBe(false);
    expect(staffUserInputSchema.safeParse({ ...valid, displayName: " " }).success).toBe(false);
    expect(staffUserInputSchema.safeParse({ ...valid, displayName: "x".repeat(101) }).success).toBe(false);
  });

  it("accepts ward codes as FACILITY/WARD and facility codes, removing duplicates", () => {
    const parsed = staffUserInputSchema.parse({
      ...valid,
      roles: ["clinician", "clinician", "ward-clerk"],
      wards: ["RXD01/ALD101", " RXD01/ALD101"],
      facilities: ["RXD02"],
    });
    expect(parsed).toMatchObject({ roles: ["clinician", "ward-clerk"], wards: ["RXD01/ALD101"] });
    for (const ward of ["ALD101", "RXD01/", "RXD01/ALD101/X", "RXD 01/ALD101"]) {
      expect(staffUserInputSchema.safeParse({ ...valid, wards: [ward] }).success).toBe(false);
    }
  });

  it("lets a patch name any subset of fields", () => {
    expect(staffUserPatchSchema.parse({ enabled: false })).toEqual({ enabled: false });
  });
});

describe("parseOrBadRequest", () => {
  it("answers an AppError bad_request naming the field", () => {
    let caught: unknown;
    try {
      parseOrBadRequest(staffUserInputSchema, { ...valid, username: "jbloggs" }, "user");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: "bad_request", location: "username" });
    expect((caught as Error).message).toMatch(/^Invalid user: username: Expected a Windows username/);
  });
});
