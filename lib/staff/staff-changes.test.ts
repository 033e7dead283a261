import { describe, expect, it } from "vitest";
import { changedFields, desiredState, type StaffState, staffFields } from "./staff-changes";

const stored: StaffState = {
  username: "trust\\jbloggs",
  displayName: "Joe Bloggs",
  roles: ["clinician", "admin"],
  enabled: true,
  nonProdAllowed: false,
  wards: ["RXD01/ALD101", "RXD01/BEE102"],
  facilities: [],
};

describe("changedFields", () => {
  it("names every field for a new user", () => {
    expect(
      changedFields(null, desiredState(null, { username: "a\\b", displayName: "B", roles: ["admin"] })),
    ).toEqual([...staffFields]);
  });

  it("finds nothing when the patch restates the stored values in another order", () => {
    const after = desiredState(stored, {
      roles: ["admin", "clinician"],
      wards: ["RXD01/BEE102", "RXD01/ALD101"],
      displayName: "Joe Bloggs",
    });
    expect(changedFields(stored, after)).toEqual([]);
  });

  it("names only the fields that differ", () => {
    const after = desiredState(stored, { enabled: false, wards: ["RXD01/ALD101"], facilities: [] });
    expect(changedFields(stored, after)).toEqual(["enabled", "wards"]);
  });

  it("keeps absent fields and applies defaults for a new user", () => {
    expect(desiredState(null, { username: "a\\b", displayName: "B", roles: ["admin"] })).toMatchObject({
      enabled: true,
      nonProdAllowed: false,
      wards: [],
      facilities: [],
    });
    expect(desiredState(stored, { nonProdAllowed: true })).toEqual({
      ...stored,
      roles: ["clinician", "admin"],
      nonProdAllowed: true,
    });
  });
});
