/**
 * The facility admin API over HTTP semantics: only admins (checked on the server), problem
 * responses for bad input, duplicates and unknown codes, and the changes themselves, audited.
 * The session layer is replaced by a fixed principal; the routes' own authorisation runs for real.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const facilities = await import("./route");
const facility = await import("./[code]/route");
const wards = await import("./[code]/wards/route");
const ward = await import("./[code]/wards/[ward]/route");
const { getAppContext } = await import("@/lib/runtime/app-context");

const request = (method: string, body?: unknown, raw?: string) =>
  new Request("http://localhost/api/admin/facilities", {
    method,
    ...(body !== undefined || raw !== undefined ? { body: raw ?? JSON.stringify(body) } : {}),
    headers: { "Content-Type": "application/json" },
  });
const code = (value: string) => ({ params: Promise.resolve({ code: value }) });
const wardOf = (facilityCode: string, wardCode: string) => ({
  params: Promise.resolve({ code: facilityCode, ward: wardCode }),
});
const admin = testPrincipal(["admin"], { username: "trust\\facility-admin" });

describe("facility admin routes", () => {
  afterAll(async () => (await getAppContext()).db.close());

  it("refuse anonymous callers (401) and clinicians (403), changing nothing", async () => {
    for (const who of [null, testPrincipal(["clinician", "ward-clerk", "ig-auditor"])]) {
      signedIn.current = who;
      const expected = who ? 403 : 401;
      const answers = [
        await facilities.GET(),
        await facilities.POST(request("POST", { code: "EVIL1", name: "Not allowed" })),
        await facility.GET(request("GET"), code("RXD01")),
        await facility.PATCH(request("PATCH", { name: "Renamed" }), code("RXD01")),
        await wards.POST(request("POST", { code: "W1", name: "W", bedCount: 1 }), code("RXD01")),
        await ward.PATCH(request("PATCH", { bedCount: 1 }), wardOf("RXD01", "ALD101")),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(expected);
        expect(answer.headers.get("content-type")).toBe("application/problem+json");
      }
    }
    signedIn.current = admin;
    const listed = (await (await facilities.GET()).json()) as { code: string; name: string }[];
    expect(listed.map((site) => site.code)).not.toContain("EVIL1");
    expect(listed.find((site) => site.code === "RXD01")?.name).toBe("Riverside General Hospital");
  });

  it("list the demo hospital, marked as demo", async () => {
    signedIn.current = admin;
    const answer = await facilities.GET();
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const listed = (await answer.json()) as { code: string; loadedAsDemo: boolean; wards: unknown[] }[];
    expect(listed.map((site) => [site.code, site.loadedAsDemo])).toEqual([
      ["RXD01", true],
      ["RXD02", true],
      ["RXD03", true],
    ]);
    expect(listed[0]!.wards).toHaveLength(16);
  });

  it("let an admin create and rename a facility, and add and change a ward, each audited", async () => {
    signedIn.current = admin;
    const created = await facilities.POST(request("POST", { code: "NEW01", name: "Hillside Hospital" }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ code: "NEW01", loadedAsDemo: false, wards: [] });
    const renamed = await facility.PATCH(request("PATCH", { name: "Hillside General" }), code("NEW01"));
    expect(await renamed.json()).toMatchObject({ code: "NEW01", name: "Hillside General" });
    const added = await wards.POST(
      request("POST", { code: "HER1", name: "Heron Ward", bedCount: 24 }),
      code("NEW01"),
    );
    expect(added.status).toBe(201);
    const changed = await ward.PATCH(request("PATCH", { bedCount: 30 }), wardOf("NEW01", "HER1"));
    expect(await changed.json()).toMatchObject({ code: "HER1", name: "Heron Ward", bedCount: 30 });
    const read = await (await facility.GET(request("GET"), code("NEW01"))).json();
    expect(read).toMatchObject({ name: "Hillside General", wards: [{ code: "HER1", bedCount: 30 }] });

    const { db } = await getAppContext();
    const { rows } = await db.query<{ username: string; session_id: string; detail: string }>(
      "SELECT username, session_id, detail FROM audit_event WHERE action = 'setting.changed' AND username = $1",
      [admin.username],
    );
    expect(rows.map((row) => JSON.parse(row.detail).change).sort()).toEqual([
      "created",
      "renamed",
      "ward-added",
      "ward-updated",
    ]);
    expect(rows.every((row) => row.session_id === admin.sessionId)).toBe(true);
  });

  it("answer bad input 400, a duplicate 409 and an unknown code 404, as problems", async () => {
    signedIn.current = admin;
    const cases: [Response, number, RegExp][] = [
      [await facilities.POST(request("POST", { code: "new 1", name: "x" })), 400, /Facility code/],
      [await facilities.POST(request("POST", { code: "NEW02", name: "" })), 400, /Name is required/],
      [await facilities.POST(request("POST", undefined, "{not json")), 400, /must be JSON/],
      [await facilities.POST(request("POST", { code: "NEW01", name: "Again" })), 409, /already exists/],
      [await facility.GET(request("GET"), code("NOPE1")), 404, /No facility with code NOPE1/],
      [await facility.PATCH(request("PATCH", { name: "Nowhere" }), code("NOPE1")), 404, /NOPE1/],
      [await facility.PATCH(request("PATCH", { name: "x".repeat(101) }), code("NEW01")), 400, /100/],
      [
        await wards.POST(request("POST", { code: "X1", name: "X", bedCount: 1 }), code("NOPE1")),
        404,
        /NOPE1/,
      ],
      [
        await wards.POST(request("POST", { code: "HER1", name: "Again", bedCount: 1 }), code("NEW01")),
        409,
        /HER1/,
      ],
      [
        await wards.POST(request("POST", { code: "HER2", name: "Heron 2", bedCount: -1 }), code("NEW01")),
        400,
        /negative/,
      ],
      [await ward.PATCH(request("PATCH", { bedCount: 1 }), wardOf("NEW01", "NOPE")), 404, /No ward NOPE/],
      [await ward.PATCH(request("PATCH", {}), wardOf("NEW01", "HER1")), 400, /Say what to change/],
    ];
    for (const [answer, status, detail] of cases) {
      expect(answer.status, String(detail)).toBe(status);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect((await answer.json()).detail).toMatch(detail);
    }
  });
});
