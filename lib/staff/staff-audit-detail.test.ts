import { describe, expect, it } from "vitest";
import { staffChangeDetail } from "./staff-audit-detail";
import type { StaffState } from "./staff-changes";

const before: StaffState = {
  username: "trust\\jbloggs",
  displayName: "Joe Bloggs",
  roles: ["clinician"],
  enabled: true,
  nonProdAllowed: false,
  wards: ["RXD01/ALD101"],
  facilities: [],
};

describe("staffChangeDetail", () => {
  it("records before and after of each changed field, but no name", () => {
    const after = {
      ...before,
      username: "trust\\jb",
      displayName: "J B",
      roles: ["admin" as const],
      wards: [],
    };
    expect(staffChangeDetail(before, after, ["username", "displayName", "roles", "wards"])).toEqual({
      "before.roles": ["clinician"],
      "after.roles": ["admin"],
      "before.wards": ["RXD01/ALD101"],
      "after.wards": [],
    });
  });

  it("has null befores for a new user", () => {
    expect(staffChangeDetail(null, before, ["enabled"])).toEqual({
      "before.enabled": null,
      "after.enabled": true,
    });
  });
});
