/**
 * The import's preview and batch routes as the console calls them: refused without admin:users,
 * a preview that writes nothing, batches that write 200 users each and report progress, a bad
 * start refused with 400. The session layer is replaced by a fixed principal.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const preview = await import("./preview/route");
const batch = await import("./batch/route");
const { getAppContext } = await import("@/lib/runtime/app-context");

const header = "username,display_name,roles,wards,facilities,enabled,non_prod_allowed";
const file = (n: number) =>
  [
    header,
    ...Array.from({ length: n }, (_, i) => `TRUST\\route${i},Route ${i},ward-clerk,RXD01/ALD101,,,`),
  ].join("\r\n");
const post = (url: string, body: string) =>
  new Request(`http://localhost${url}`, { method: "POST", body, headers: { "Content-Type": "text/csv" } });
const imported = async () =>
  (
    await (
      await getAppContext()
    ).db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM staff_user WHERE username LIKE 'trust\\\\route%'",
    )
  ).rows[0]!.n;

describe("staff import preview and batch routes", () => {
  afterAll(async () => (await getAppContext()).db.close());

  it("refuse callers without admin:users", async () => {
    for (const [who, status] of [
      [null, 401],
      [testPrincipal(["clinician"]), 403],
    ] as const) {
      signedIn.current = who;
      expect((await preview.POST(post("/api/admin/users/import/preview", file(1)))).status).toBe(status);
      expect((await batch.POST(post("/api/admin/users/import/batch?start=0", file(1)))).status).toBe(status);
    }
    expect(await imported()).toBe(0);
  }, 120_000);

  it("preview, then write batch by batch to the end", async () => {
    signedIn.current = testPrincipal(["admin"]);
    const text = file(250);
    const previewed = await (await preview.POST(post("/api/admin/users/import/preview", text))).json();
    expect(previewed).toMatchObject({ total: 250, batches: 2, counts: { create: 250 }, errors: [] });
    expect(await imported()).toBe(0);
    const first = await (await batch.POST(post("/api/admin/users/import/batch?start=0", text))).json();
    expect(first).toMatchObject({ start: 0, next: 200, total: 250, created: 200, done: false });
    const second = await (await batch.POST(post("/api/admin/users/import/batch?start=200", text))).json();
    expect(second).toMatchObject({ start: 200, next: 250, created: 50, done: true });
    expect(await imported()).toBe(250);
  });

  it("refuses a bad file with every problem and a bad start with 400", async () => {
    signedIn.current = testPrincipal(["admin"]);
    const bad = `${header}\r\nTRUST\\zz,Zed,pilot,,,,`;
    const refused = await batch.POST(post("/api/admin/users/import/batch?start=0", bad));
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual([expect.objectContaining({ row: 2, column: "roles" })]);
    const badPreview = await (await preview.POST(post("/api/admin/users/import/preview", bad))).json();
    expect(badPreview.rows[0]).toMatchObject({ action: "error" });
    expect((await batch.POST(post("/api/admin/users/import/batch?start=-1", file(1)))).status).toBe(400);
    expect((await batch.POST(post("/api/admin/users/import/batch?start=99", file(1)))).status).toBe(400);
  });
});
