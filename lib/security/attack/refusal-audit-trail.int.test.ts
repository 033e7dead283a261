/**
 * Refusals that used to leave no trace (issue 12, item 7): a clinician on an admin route, an
 * admin on a patient route, an IG auditor on the search page, a cross-site post refused by the
 * proxy, and a flood of any of them, which must not fill the audit log. The session layer is
 * replaced by the demo users; the routes, pages, proxy and audit run for real.
 */
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));
const request = { path: "/", method: "GET" };
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-downtime-path": request.path, "x-downtime-method": request.method }),
  cookies: async () => ({ has: () => false, get: () => undefined }),
}));

startTestApp();
const { getAppContext } = await import("@/lib/runtime/app-context");
const users = await import("@/app/api/admin/users/route");
const patient = await import("@/app/api/patients/[id]/route");
const searchPage = (await import("@/app/(staff)/search/page")).default;
const wardPrintPage = (await import("@/app/(staff)/wards/[wardId]/print/page")).default;
const { proxy } = await import("@/proxy");

async function demoUser(name: string, role: Principal["roles"][number]) {
  const { db } = await getAppContext();
  const { rows } = await db.query<{ id: string }>("SELECT id FROM staff_user WHERE lower(username) = $1", [
    `demo\\${name}`,
  ]);
  return testPrincipal([role], { userId: rows[0]!.id, username: `demo\\${name}`, ip: "10.9.8.7" });
}

async function refusals(userId: string | null, action = "access.refused") {
  const { db } = await getAppContext();
  const { rows } = await db.query<{ reason: string; ip: string; detail: string }>(
    `SELECT reason, ip, detail FROM audit_event
      WHERE action = $1 AND outcome = 'refused' AND user_id IS NOT DISTINCT FROM $2 ORDER BY recorded_at`,
    [action, userId],
  );
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}

/** Next's control-flow error for a page: "403"/"404" for a refusal page, null for anything else. */
async function refusalStatus(render: () => Promise<unknown>): Promise<string | null> {
  try {
    await render();
    return "rendered";
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    return /^NEXT_HTTP_ERROR_FALLBACK;(\d{3})$/.exec(digest)?.[1] ?? null;
  }
}

const on = (path: string, method = "GET") => Object.assign(request, { path, method });

describe("refusals leave a trace", () => {
  afterAll(async () => (await getAppContext()).db.close());

  it("a clinician on an admin route: 403, audited with the route, the permission and the user", async () => {
    const clinician = await demoUser("clinician", "clinician");
    signedIn.current = clinician;
    on("/api/admin/users");
    expect((await users.GET(new Request("http://localhost/api/admin/users"))).status).toBe(403);
    expect(await refusals(clinician.userId)).toMatchObject([
      {
        reason: "role",
        ip: "10.9.8.7",
        detail: {
          route: "/api/admin/users",
          method: "GET",
          permission: "admin:users",
          userId: clinician.userId,
        },
      },
    ]);
  });

  it("an admin on a patient route: 403, audited", async () => {
    const admin = await demoUser("admin", "admin");
    signedIn.current = admin;
    const stay = "00000000-0000-4000-8000-000000000001";
    on(`/api/patients/${stay}`);
    const response = await patient.GET(new Request(`http://localhost/api/patients/${stay}`), {
      params: Promise.resolve({ id: stay }),
    });
    expect(response.status).toBe(403);
    expect(await refusals(admin.userId)).toMatchObject([
      { reason: "role", detail: { route: `/api/patients/${stay}`, permission: "patients:read" } },
    ]);
  });

  it("an IG auditor on /search: a refusal page (403 once forbidden() is enabled, else 404), audited", async () => {
    const auditor = await demoUser("auditor", "ig-auditor");
    signedIn.current = auditor;
    on("/search");
    // The page takes no query: searches are posted to its server action, never put in the URL.
    expect(await refusalStatus(() => searchPage())).toBe("404");
    process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
    try {
      expect(await refusalStatus(() => searchPage())).toBe("403");
    } finally {
      delete process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS;
    }
    const rows = await refusals(auditor.userId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      reason: "role",
      detail: { route: "/search", permission: "patients:read" },
    });
  });

  it("a clinician printing another ward: a refusal page, not a 500, and the scope refusal audited", async () => {
    const clinician = await demoUser("clinician", "clinician");
    signedIn.current = clinician;
    const { db } = await getAppContext();
    const other = (
      await db.query<{ id: string }>(
        "SELECT id FROM ward WHERE id NOT IN (SELECT ward_id FROM user_ward_access WHERE user_id = $1) LIMIT 1",
        [clinician.userId],
      )
    ).rows[0]!.id;
    on(`/wards/${other}/print`);
    expect(await refusalStatus(() => wardPrintPage({ params: Promise.resolve({ wardId: other }) }))).toBe(
      "404",
    );
    const { rows } = await db.query(
      "SELECT 1 FROM audit_event WHERE action = 'ward.view' AND outcome = 'refused' AND user_id = $1 AND ward_id = $2",
      [clinician.userId, other],
    );
    expect(rows).toHaveLength(1);
  });

  it("a flood of refusals writes at most 10 rows a minute for the user, and counts the rest", async () => {
    const clerk = await demoUser("clerk", "ward-clerk");
    signedIn.current = clerk;
    on("/api/admin/users");
    for (let i = 0; i < 40; i++)
      expect((await users.GET(new Request("http://localhost/api/admin/users"))).status).toBe(403);
    expect(await refusals(clerk.userId)).toHaveLength(10);
    // The held-back count is written as a summary row (here forced, instead of waiting a minute).
    const { flushRefusals } = await import("@/lib/audit/refusal-audit");
    await flushRefusals((await getAppContext()).db, { everything: true });
    const summaries = await refusals(null, "access.refused.suppressed");
    expect(summaries.at(-1)).toMatchObject({ reason: "role", detail: { reason: "role", suppressed: 30 } });
  });

  it("a cross-site post refused by the proxy is written to the audit log by the next staff request", async () => {
    const refused = proxy(
      new NextRequest("http://localhost/api/admin/downtime", {
        method: "POST",
        headers: { origin: "https://evil.example", "x-forwarded-for": "203.0.113.50" },
        body: "{}",
      }),
    );
    expect(refused.status).toBe(403);
    expect(await refusals(null)).toEqual([]);
    signedIn.current = await demoUser("admin", "admin");
    on("/api/admin/users");
    expect((await users.GET(new Request("http://localhost/api/admin/users"))).status).toBe(200);
    expect(await refusals(null)).toMatchObject([
      {
        reason: "cross-site",
        detail: { route: "/api/admin/downtime", method: "POST", origin: "https://evil.example" },
      },
    ]);
  });

  it("the proxy names the path and method for the app, whatever the client sent", () => {
    const passed = proxy(
      new NextRequest("http://localhost/api/wards/abc?q=1", {
        headers: { "x-downtime-path": "/forged", "x-downtime-method": "PUT" },
      }),
    );
    expect(passed.headers.get("x-middleware-request-x-downtime-path")).toBe("/api/wards/abc");
    expect(passed.headers.get("x-middleware-request-x-downtime-method")).toBe("GET");
  });
});
