/** Principals for route tests (the session layer is mocked; authorisation is what is tested). */
import type { Role } from "@/lib/access/roles";
import type { Principal } from "@/lib/auth/principal";

export function testPrincipal(roles: Role[], overrides: Partial<Principal> = {}): Principal {
  return {
    userId: "00000000-0000-4000-8000-0000000000aa",
    username: `trust\\${roles.join("-") || "nobody"}`,
    displayName: "Test User",
    roles,
    sessionId: "00000000-0000-4000-8000-0000000000bb",
    method: "launcher",
    deviceId: "TEST-PC",
    ip: "127.0.0.1",
    userAgent: "vitest",
    ...overrides,
  };
}
