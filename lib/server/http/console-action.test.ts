/** Console server actions answer every outcome as a form message, never a thrown error (a 500). */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { declareRoute } from "@/lib/access/authorize";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { testPrincipal } from "@/test/principals.test-kit";

const signedIn: { current: Principal | null } = { current: null };
const refusals: string[] = [];
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));
vi.mock("@/lib/runtime/app-context", () => ({
  getAppContext: async () => ({ db: {}, config: {}, storage: {} }),
}));
vi.mock("./staff-route", () => ({
  auditRoleRefusal: async (_db: unknown, _route: unknown, principal: Principal) => {
    refusals.push(principal.username);
  },
}));
const { runConsoleAction } = await import("./console-action");

const route = declareRoute("admin:devices");
const authorize = (principal: Principal | null) => route.authorize(principal);
const run = (work: () => Promise<{ message: string }>) => runConsoleAction(route, authorize, work);

describe("runConsoleAction", () => {
  beforeEach(() => {
    refusals.length = 0;
    signedIn.current = testPrincipal(["admin"], { username: "trust\\admin" });
  });

  it("answers the work's message, with ok and when", async () => {
    const answer = await runConsoleAction(route, authorize, async ({ principal }) => ({
      message: `done by ${principal.username}`,
      extra: 1,
    }));
    expect(answer).toMatchObject({ ok: true, message: "done by trust\\admin", extra: 1 });
    expect(answer.at).toEqual(expect.any(Number));
  });

  it("asks a caller with no session to sign in again, and runs nothing", async () => {
    signedIn.current = null;
    const work = vi.fn(async () => ({ message: "no" }));
    expect(await run(work)).toMatchObject({ error: "Sign in again to do this." });
    expect(work).not.toHaveBeenCalled();
  });

  it("refuses a role without the permission, audits it, and runs nothing", async () => {
    signedIn.current = testPrincipal(["clinician"], { username: "trust\\nurse" });
    const work = vi.fn(async () => ({ message: "no" }));
    const answer = await run(work);
    expect(answer.error).toBeTruthy();
    expect(answer.ok).toBeUndefined();
    expect(work).not.toHaveBeenCalled();
    expect(refusals).toEqual(["trust\\nurse"]);
  });

  it("passes a domain error's own message through (bad input, conflict)", async () => {
    const answer = await run(async () => {
      throw new AppError("conflict", "A device called PC-1 is already registered; use a new id.");
    });
    expect(answer).toMatchObject({ error: "A device called PC-1 is already registered; use a new id." });
  });

  it("says the service is unavailable when the database cannot be reached", async () => {
    const answer = await run(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    });
    expect(answer.error).toMatch(/unavailable/);
  });

  it("answers anything else generically, without its text", async () => {
    const answer = await run(async () => {
      throw new Error("secret internals");
    });
    expect(answer).toMatchObject({ error: "Something went wrong. Try again." });
  });
});
