/**
 * The readiness JSON route and the IG report CSV over HTTP semantics: refusals for the wrong role
 * or no session, the figures for an admin, and the CSV of a report (audited as `audit.report`).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const readiness = await import("./route");
const auditExport = await import("@/app/api/audit/export/route");
const { getAppContext } = await import("@/lib/runtime/app-context");

describe("readiness and IG report routes", () => {
  // Opening the app loads the demo hospital: slow on a busy machine, so not inside the first test.
  beforeAll(async () => {
    await getAppContext();
  }, 180_000);
  afterAll(async () => (await getAppContext()).db.close());

  it("refuse anonymous callers, clinicians and IG auditors on readiness; admins on IG reports", async () => {
    for (const [who, expected] of [
      [null, 401],
      [testPrincipal(["clinician"]), 403],
      [testPrincipal(["ig-auditor"]), 403],
    ] as const) {
      signedIn.current = who;
      expect((await readiness.GET()).status).toBe(expected);
    }
    signedIn.current = testPrincipal(["admin"]);
    const refused = await auditExport.GET(new Request("http://localhost/api/audit/export?report=config"));
    expect(refused.status).toBe(403);
  });

  it("give an admin every ward's figures with the thresholds used", async () => {
    signedIn.current = testPrincipal(["admin"]);
    const response = await readiness.GET();
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      thresholds: object;
      wards: { wardId: string; staff: number }[];
    };
    const { db } = await getAppContext();
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM ward");
    expect(body.wards).toHaveLength(rows[0]!.n);
    expect(body.thresholds).toMatchObject({ enrolledPercent: { green: 80, amber: 50 } });
    // The demo clinician holds the first two wards of RXD01 directly.
    expect(body.wards.filter((ward) => ward.staff > 0).length).toBeGreaterThan(0);
  });

  it("export an IG report as CSV, audit the export, and refuse bad parameters with 400", async () => {
    const auditor = testPrincipal(["ig-auditor"], { userId: "00000000-0000-4000-8000-0000000000cc" });
    signedIn.current = auditor;
    const response = await auditExport.GET(
      new Request("http://localhost/api/audit/export?report=patient&idType=mrn&id=NOSUCH&from=2026-01-01"),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await response.text()).split("\r\n")[0]).toContain('"occurred_at"');
    const { db } = await getAppContext();
    const { rows } = await db.query<{ detail: string }>(
      "SELECT detail FROM audit_event WHERE action = 'audit.report' AND user_id = $1",
      [auditor.userId],
    );
    expect(rows.map((row) => JSON.parse(row.detail))).toEqual([
      expect.objectContaining({
        report: "patient",
        format: "csv",
        idType: "mrn",
        identifier: "NOSUCH",
        from: "2026-01-01",
      }),
    ]);
    const bad = await auditExport.GET(new Request("http://localhost/api/audit/export?report=patient&id=12"));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toContain("10 digits");
  });
});
