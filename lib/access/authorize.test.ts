import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { authorize, declareRoute, isRoutePolicy, type RoutePolicy } from "./authorize";
import type { Role } from "./roles";

const principal = (roles: Role[]): Principal => ({
  userId: "00000000-0000-4000-8000-000000000001",
  username: "trust\\a.nurse",
  displayName: "A Nurse",
  roles,
  sessionId: "00000000-0000-4000-8000-000000000002",
  method: "launcher",
  ip: "10.0.0.1",
  userAgent: "test",
});

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? error.code : "not-app-error";
  }
  return undefined;
}

describe("authorize", () => {
  it("lets anyone through a public requirement and returns whoever is signed in", () => {
    expect(authorize(null, "public")).toBeNull();
    const nurse = principal(["clinician"]);
    expect(authorize(nurse, "public")).toBe(nurse);
  });

  it("refuses anonymous callers as unauthenticated", () => {
    expect(codeOf(() => authorize(null, "signed-in"))).toBe("unauthenticated");
    expect(codeOf(() => authorize(null, { permission: "patients:read" }))).toBe("unauthenticated");
  });

  it("lets any signed-in user through signed-in", () => {
    const auditor = principal(["ig-auditor"]);
    expect(authorize(auditor, "signed-in")).toBe(auditor);
  });

  it("checks the permission against the roles", () => {
    expect(authorize(principal(["ward-clerk"]), { permission: "patients:read" }).roles).toEqual([
      "ward-clerk",
    ]);
    expect(codeOf(() => authorize(principal(["admin"]), { permission: "patients:read" }))).toBe("forbidden");
    expect(codeOf(() => authorize(principal(["clinician"]), { permission: "audit:read" }))).toBe("forbidden");
    expect(codeOf(() => authorize(principal(["ward-clerk"]), { permission: "patients:break-glass" }))).toBe(
      "forbidden",
    );
    expect(codeOf(() => authorize(principal([]), { permission: "admin:settings" }))).toBe("forbidden");
  });
});

describe("declareRoute", () => {
  it("keeps the policy and authorises by it", () => {
    const route = declareRoute("admin:settings");
    expect(route.policy).toBe("admin:settings");
    expect(codeOf(() => route.authorize(principal(["clinician"])))).toBe("forbidden");
    expect(codeOf(() => route.authorize(null))).toBe("unauthenticated");
    expect(route.authorize(principal(["admin"]))?.roles).toEqual(["admin"]);
    expect(declareRoute("public").authorize(null)).toBeNull();
  });

  it("rejects unknown policies when the module loads", () => {
    expect(() => declareRoute("patients:write" as RoutePolicy)).toThrow(/Unknown route policy/);
    expect(isRoutePolicy("toString")).toBe(false);
    expect(isRoutePolicy("api-key")).toBe(true);
  });

  it("never authorises an api-key route with a staff session", () => {
    expect(codeOf(() => declareRoute("api-key").authorize(principal(["admin"])))).toBe("internal");
  });
});
