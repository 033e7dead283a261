/**
 * Admin and IG routes over HTTP semantics: refusals for the wrong role or no session (checked on
 * the server whatever the UI shows), and the happy paths. The session layer is replaced by a
 * fixed principal; the routes' own authorisation runs for real.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const users = await import("./users/route");
const userById = await import("./users/[id]/route");
const importRoute = await import("./users/import/route");
const downtime = await import("./downtime/route");
const auditEvents = await import("@/app/api/audit/events/route");
const auditExport = await import("@/app/api/audit/export/route");
const devices = await import("./devices/route");
const deviceById = await import("./devices/[id]/route");
const sheets = await import("./enrolment-sheets/route");
const resetRoute = await import("./users/[id]/enrolment/route");
const breakGlass = await import("@/app/api/patients/[id]/break-glass/route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { generateKeyPairSync } = await import("node:crypto");

const json = (url: string, method: string, body: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });

describe("admin and IG routes", () => {
  afterAll(async () => (await getAppContext()).db.close());

  it("refuse anonymous callers (401) and clinicians (403) on every admin and IG route", async () => {
    for (const who of [null, testPrincipal(["clinician"])]) {
      signedIn.current = who;
      const expected = who ? 403 : 401;
      expect((await users.GET(new Request("http://localhost/api/admin/users"))).status).toBe(expected);
      expect((await users.POST(json("/api/admin/users", "POST", {}))).status).toBe(expected);
      expect((await downtime.POST(json("/api/admin/downtime", "POST", { action: "end" }))).status).toBe(
        expected,
      );
      expect((await auditEvents.GET(new Request("http://localhost/api/audit/events"))).status).toBe(expected);
      expect((await auditExport.GET(new Request("http://localhost/api/audit/export"))).status).toBe(expected);
    }
  });

  it("let an admin create, update and disable a user, and refuse bad input with 400", async () => {
    signedIn.current = testPrincipal(["admin"]);
    const created = await users.POST(
      json("/api/admin/users", "POST", {
        username: "TRUST\\NNurse",
        displayName: "Nia Nurse",
        roles: ["clinician"],
        wards: ["RXD01/ALD101"],
      }),
    );
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; username: string };
    expect(user.username).toBe("trust\\nnurse");
    const disabled = await userById.PATCH(json(`/api/admin/users/${user.id}`, "PATCH", { enabled: false }), {
      params: Promise.resolve({ id: user.id }),
    });
    expect(await disabled.json()).toMatchObject({ enabled: false });
    const bad = await users.POST(
      json("/api/admin/users", "POST", { username: "no-domain", displayName: "X", roles: ["clinician"] }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ detail: expect.stringMatching(/DOMAIN\\user/) });
  });

  it("import users from CSV, all or nothing, listing bad rows", async () => {
    signedIn.current = testPrincipal(["admin"]);
    const header = "username,display_name,roles,wards,facilities,enabled,non_prod_allowed\r\n";
    const good = `${header}TRUST\\aa,Ann A,clinician,RXD01/ALD101,,,\r\nTRUST\\bb,Ben B,ward-clerk,,RXD02,yes,no\r\n`;
    const imported = await importRoute.POST(
      new Request("http://localhost/api/admin/users/import", { method: "POST", body: good }),
    );
    expect(await imported.json()).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const bad = `${header}TRUST\\cc,Cat C,clinician,,,,\r\nnope,Dan D,pilot,,,,\r\n`;
    const refused = await importRoute.POST(
      new Request("http://localhost/api/admin/users/import", { method: "POST", body: bad }),
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors.length).toBeGreaterThanOrEqual(1);
    const listed = await (
      await users.GET(new Request("http://localhost/api/admin/users?search=TRUST%5Ccc"))
    ).json();
    expect(listed.users).toEqual([]);
  });

  it("let an admin declare and end downtime, audited, and IG read and export the audit log", async () => {
    signedIn.current = testPrincipal(["admin"]);
    const declared = await downtime.POST(
      json("/api/admin/downtime", "POST", { action: "declare", reason: "EPR upgrade" }),
    );
    expect(await declared.json()).toMatchObject({ downtime: { declared: true } });
    await downtime.POST(json("/api/admin/downtime", "POST", { action: "end" }));
    signedIn.current = testPrincipal(["ig-auditor"]);
    const page = await (
      await auditEvents.GET(new Request("http://localhost/api/audit/events?limit=1000"))
    ).json();
    const actions = (page.rows as { action: string }[]).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["downtime.declared", "downtime.ended", "user.changed"]));
    const csv = await auditExport.GET(new Request("http://localhost/api/audit/export"));
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toMatch(/^"?occurred_at/);
    expect(text).toContain("downtime.declared");
  });

  it("register and revoke a ward PC; refuse a private key", async () => {
    signedIn.current = testPrincipal(["admin"]);
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const registered = await devices.POST(
      json("/api/admin/devices", "POST", {
        id: "WARDPC-ELM-01",
        name: "Elm station",
        location: "Elm ward",
        publicJwk: publicKey.export({ format: "jwk" }),
      }),
    );
    expect(registered.status).toBe(201);
    const withPrivate = await devices.POST(
      json("/api/admin/devices", "POST", {
        id: "WARDPC-ELM-02",
        name: "Elm 2",
        location: "Elm",
        publicJwk: privateKey.export({ format: "jwk" }),
      }),
    );
    expect(withPrivate.status).toBe(400);
    const revoked = await deviceById.DELETE(new Request("http://localhost"), {
      params: Promise.resolve({ id: "WARDPC-ELM-01" }),
    });
    expect(await revoked.json()).toMatchObject({ id: "WARDPC-ELM-01", revokedAt: expect.any(String) });
  });

  it("print an enrolment sheet (no script, one QR per user) and reset a user's enrolment", async () => {
    signedIn.current = testPrincipal(["admin"]);
    const { db } = await getAppContext();
    const ids = (
      await db.query<{ id: string }>(
        "SELECT id FROM staff_user WHERE username LIKE 'demo%' ORDER BY username",
      )
    ).rows.map((row) => row.id);
    const sheet = await sheets.POST(json("/api/admin/enrolment-sheets", "POST", { userIds: ids }));
    expect(sheet.headers.get("cache-control")).toBe("no-store");
    const html = await sheet.text();
    expect(html).toContain("@page");
    expect(html).not.toMatch(/<script/i);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(ids.length);
    const byWard = await sheets.POST(json("/api/admin/enrolment-sheets", "POST", { ward: "RXD01/ALD101" }));
    expect(byWard.status).toBe(200);
    expect(await byWard.text()).toContain("demo\\clinician");
    const reset = await resetRoute.DELETE(new Request("http://localhost"), {
      params: Promise.resolve({ id: ids[0]! }),
    });
    expect((await reset.json()).removed).toBe(1);
  });

  it("break-glass: refused without a reason or a clinical role, granted with one", async () => {
    const { db } = await getAppContext();
    const patientId = (await db.query<{ id: string }>("SELECT id FROM patient LIMIT 1")).rows[0]!.id;
    const params = { params: Promise.resolve({ id: patientId }) };
    signedIn.current = testPrincipal(["admin"]);
    expect(
      (await breakGlass.POST(json("/x", "POST", { reason: "Patient collapsed on my ward" }), params)).status,
    ).toBe(403);
    const clinician = (
      await db.query<{ id: string }>("SELECT id FROM staff_user WHERE username = 'demo\\clinician'")
    ).rows[0]!.id;
    signedIn.current = testPrincipal(["clinician"], { userId: clinician, username: "demo\\clinician" });
    expect((await breakGlass.POST(json("/x", "POST", { reason: "urgent" }), params)).status).toBe(400);
    expect((await breakGlass.POST(json("/x", "POST", {}), params)).status).toBe(400);
    const granted = await breakGlass.POST(
      json("/x", "POST", { reason: "Patient collapsed on my ward, need allergies" }),
      params,
    );
    expect(granted.status).toBe(201);
  });
});
