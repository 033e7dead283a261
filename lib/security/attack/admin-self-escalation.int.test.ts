/**
 * Attack: an admin gives themselves a clinical role and ward scope, then reads patients. Played
 * through the admin routes as the app serves them (the session layer is a fixed principal; the
 * routes' own authorisation and the staff directory run for real): every change to one's own
 * roles or scope, by PATCH or by CSV import, is a 403 problem and an audit row; another admin may
 * make the change, and the grant of a clinical role shows in the IG report as its own kind.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const users = await import("@/app/api/admin/users/route");
const userById = await import("@/app/api/admin/users/[id]/route");
const importRoute = await import("@/app/api/admin/users/import/route");
const auditEvents = await import("@/app/api/audit/events/route");
const { getAppContext } = await import("@/lib/runtime/app-context");

const patch = (id: string, body: unknown) =>
  userById.PATCH(
    new Request(`http://localhost/api/admin/users/${id}`, {
      method: "PATCH",
      body: JSON.stringify(body),
      headers: { "Content-Type": "application/json" },
    }),
    { params: Promise.resolve({ id }) },
  );
const header = "username,display_name,roles,wards,facilities,enabled,non_prod_allowed";

describe("an admin escalating their own account", () => {
  let admin: Principal;
  beforeAll(async () => {
    const { db } = await getAppContext();
    const { rows } = await db.query<{ id: string }>(
      "SELECT id FROM staff_user WHERE username = 'demo\\admin'",
    );
    admin = testPrincipal(["admin"], { userId: rows[0]!.id, username: "demo\\admin" });
  });
  afterAll(async () => (await getAppContext()).db.close());

  const rolesNow = async () => {
    const { db } = await getAppContext();
    const { rows } = await db.query<{ roles: string }>("SELECT roles FROM staff_user WHERE id = $1", [
      admin.userId,
    ]);
    return JSON.parse(rows[0]!.roles);
  };

  it("is refused a clinical role or wider scope for themselves, by PATCH or by CSV, each refusal audited", async () => {
    signedIn.current = admin;
    for (const body of [
      { roles: ["admin", "clinician"] },
      { wards: ["RXD01/ALD101"] },
      { facilities: ["RXD01"] },
    ]) {
      const response = await patch(admin.userId, body);
      expect(response.status).toBe(403);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({
        status: 403,
        detail: expect.stringMatching(/another admin/),
      });
    }
    const csv = `${header}\r\nDEMO\\admin,Demo Admin,admin;clinician,RXD01/ALD101,,,\r\n`;
    const imported = await importRoute.POST(
      new Request("http://localhost/api/admin/users/import", { method: "POST", body: csv }),
    );
    expect(imported.status).toBe(403);
    expect(await rolesNow()).toEqual(["admin"]);

    const { db } = await getAppContext();
    const { rows } = await db.query<{ user_id: string; outcome: string; detail: string }>(
      "SELECT user_id, outcome, detail FROM audit_event WHERE action = 'user.change-refused' ORDER BY recorded_at",
    );
    expect(rows.map((row) => [row.user_id, row.outcome, JSON.parse(row.detail).fields])).toEqual([
      [admin.userId, "refused", "roles"],
      [admin.userId, "refused", "wards"],
      [admin.userId, "refused", "facilities"],
      [admin.userId, "refused", "roles,wards"],
    ]);
  });

  it("gets the role from another admin, and IG sees the clinical-role grant flagged", async () => {
    signedIn.current = admin;
    const created = await users.POST(
      new Request("http://localhost/api/admin/users", {
        method: "POST",
        body: JSON.stringify({ username: "TRUST\\second", displayName: "Second Admin", roles: ["admin"] }),
        headers: { "Content-Type": "application/json" },
      }),
    );
    const second = (await created.json()) as { id: string; username: string };
    signedIn.current = testPrincipal(["admin"], { userId: second.id, username: second.username });
    const granted = await patch(admin.userId, { roles: ["admin", "clinician"], wards: ["RXD01/ALD101"] });
    expect(granted.status).toBe(200);
    expect(await rolesNow()).toEqual(["clinician", "admin"]);

    signedIn.current = testPrincipal(["ig-auditor"]);
    const report = await (
      await auditEvents.GET(new Request("http://localhost/api/audit/events?limit=1000"))
    ).json();
    const flagged = (report.rows as { action: string; userId: string; detail: string }[]).filter(
      (row) =>
        row.action === "user.clinical-role-granted" && JSON.parse(row.detail).targetUserId === admin.userId,
    );
    expect(flagged.map((row) => [row.userId, JSON.parse(row.detail)])).toEqual([
      [second.id, { targetUserId: admin.userId, roles: "clinician", change: "updated" }],
    ]);
  });
});
