/**
 * The ward print pack over HTTP: a PDF with its download headers for a reader with the ward,
 * and problem responses for no session (401), a ward out of scope (403) and a malformed id.
 * The session layer is replaced by a fixed principal; the route's own checks run for real.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const route = await import("./route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { createUser } = await import("@/lib/access/access.test-kit");
const { storeTestDocument } = await import("@/lib/documents/document.test-kit");
const { pdfPageTexts, syntheticPdf } = await import("@/lib/documents/print-pack/pdf-text.test-kit");

const call = (wardId: string) =>
  route.GET(new Request(`http://localhost/api/wards/${wardId}/documents-pack`), {
    params: Promise.resolve({ wardId }),
  });

describe("GET /api/wards/[wardId]/documents-pack", () => {
  let ward: { id: string; code: string; facility: string; mrn: string };
  let otherWardId: string;
  let reader: Principal;

  beforeAll(async () => {
    const { db, storage } = await getAppContext();
    const { rows } = await db.query<{ id: string; code: string; facility: string; mrn: string }>(
      `SELECT w.id, w.code, f.code AS facility, p.mrn FROM stay s
         JOIN ward w ON w.id = s.ward_id JOIN facility f ON f.id = w.facility_id JOIN patient p ON p.id = s.patient_id
        WHERE s.status = 'admitted' ORDER BY w.code, p.mrn LIMIT 1`,
    );
    ward = rows[0]!;
    const other = await db.query<{ id: string }>("SELECT id FROM ward WHERE id <> $1 LIMIT 1", [ward.id]);
    otherWardId = other.rows[0]!.id;
    const user = await createUser(db, ["clinician"]);
    await user.grantWard(ward.facility, ward.code);
    reader = user.principal;
    const metadata = {
      contentType: "application/pdf" as const,
      title: "Drug chart",
      kind: "MAR",
      producedAt: new Date(),
    };
    const target = { facility: ward.facility, mrn: ward.mrn, documentId: "route-mar" };
    await storeTestDocument({ db, storage }, target, metadata, await syntheticPdf(["Route test chart"]));
  });
  afterAll(async () => (await getAppContext()).db.close());

  it("answers the ward's pack as an inline PDF that is never cached", async () => {
    signedIn.current = reader;
    const response = await call(ward.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("cache-control")).toBe("no-store, private");
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^inline; filename="${ward.code}-documents-\\d{8}-\\d{4}\\.pdf"$`),
    );
    const texts = await pdfPageTexts(new Uint8Array(await response.arrayBuffer()));
    expect(texts.some((text) => text.includes("Route test chart"))).toBe(true);
  });

  it("refuses no session (401), another ward (403) and a malformed ward id (403) as problems", async () => {
    signedIn.current = null;
    expect((await call(ward.id)).status).toBe(401);
    signedIn.current = reader;
    for (const id of [otherWardId, "not-a-uuid"]) {
      const response = await call(id);
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ status: 403, title: "Not allowed" });
    }
  });
});
