import { describe, expect, it } from "vitest";
import { clinicalRolesGranted, selfGuardedChanges } from "./self-change";
import { changedFields, desiredState } from "./staff-changes";

const admin = desiredState(null, {
  username: "trust\\admin",
  displayName: "Ada Admin",
  roles: ["admin"],
  wards: [],
});

describe("selfGuardedChanges", () => {
  it("names the roles and scope an admin would change on their own record", () => {
    const after = desiredState(admin, {
      roles: ["admin", "clinician"],
      wards: ["RXD01/OAK"],
      displayName: "Ada",
    });
    const fields = changedFields(admin, after);
    expect(selfGuardedChanges("me", "me", fields)).toEqual(["roles", "wards"]);
    expect(selfGuardedChanges("me", "someone-else", fields)).toEqual([]);
    expect(selfGuardedChanges("me", undefined, fields)).toEqual([]);
    expect(selfGuardedChanges(null, "me", fields)).toEqual([]);
  });

  it("lets an admin change their own display name", () => {
    const fields = changedFields(admin, desiredState(admin, { displayName: "Ada Lovelace" }));
    expect(selfGuardedChanges("me", "me", fields)).toEqual([]);
  });
});

describe("clinicalRolesGranted", () => {
  it("flags a clinical role added, or held by a new user, and nothing else", () => {
    expect(clinicalRolesGranted(admin, desiredState(admin, { roles: ["admin", "clinician"] }))).toEqual([
      "clinician",
    ]);
    expect(clinicalRolesGranted(null, desiredState(null, { roles: ["ward-clerk", "admin"] }))).toEqual([
      "ward-clerk",
    ]);
    expect(clinicalRolesGranted(admin, desiredState(admin, { roles: ["admin", "ig-auditor"] }))).toEqual([]);
    const clinician = desiredState(null, { roles: ["clinician"] });
    expect(clinicalRolesGranted(clinician, desiredState(clinician, { wards: ["RXD01/OAK"] }))).toEqual([]);
  });
});
