/**
 * A downtime document opened by staff over HTTP: the stored bytes inline, named after the title,
 * sandboxed and never cached, with the open audited; refusals (401; 403 for another ward and for
 * an unknown id alike) decided on the server. The session layer is replaced by a fixed
 * principal; the route's own checks run for real.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const route = await import("./route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { auditRows, createUser } = await import("@/lib/access/access.test-kit");
const { storeTestDocument } = await import("@/lib/documents/document.test-kit");
const { syntheticPdf } = await import("@/lib/documents/print-pack/pdf-text.test-kit");

const call = (id: string) =>
  route.GET(new Request(`http://localhost/api/documents/${id}`), { params: Promise.resolve({ id }) });

describe("GET /api/documents/[id]", () => {
  let documentId: string;
  let pdf: Uint8Array;
  let reader: Principal;
  let otherWardReader: Principal;

  beforeAll(async () => {
    const { db, storage } = await getAppContext();
    const { rows } = await db.query<{ code: string; facility: string; mrn: string }>(
      `SELECT w.code, f.code AS facility, p.mrn FROM stay s
         JOIN ward w ON w.id = s.ward_id JOIN facility f ON f.id = w.facility_id JOIN patient p ON p.id = s.patient_id
        WHERE s.status = 'admitted' ORDER BY w.code, p.mrn LIMIT 1`,
    );
    const ward = rows[0]!;
    const other = await db.query<{ code: string; facility: string }>(
      `SELECT w.code, f.code AS facility FROM ward w JOIN facility f ON f.id = w.facility_id
        WHERE w.code <> $1 ORDER BY w.code LIMIT 1`,
      [ward.code],
    );
    const user = await createUser(db, ["clinician"]);
    await user.grantWard(ward.facility, ward.code);
    reader = user.principal;
    const elsewhere = await createUser(db, ["clinician"]);
    await elsewhere.grantWard(other.rows[0]!.facility, other.rows[0]!.code);
    otherWardReader = elsewhere.principal;
    pdf = await syntheticPdf(["Route test chart"]);
    const stored = await storeTestDocument(
      { db, storage },
      { facility: ward.facility, mrn: ward.mrn, documentId: "open-mar" },
      { contentType: "application/pdf", title: "Drug chart – week 1", kind: "MAR", producedAt: new Date() },
      pdf,
    );
    documentId = stored.id;
  });
  afterAll(async () => (await getAppContext()).db.close());

  it("answers the stored PDF inline, named after its title, sandboxed and never cached; the open is audited", async () => {
    signedIn.current = reader;
    const response = await call(documentId);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(pdf));
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-length")).toBe(String(pdf.byteLength));
    expect(response.headers.get("content-disposition")).toBe(
      `inline; filename="Drug chart _ week 1.pdf"; filename*=UTF-8''Drug%20chart%20%E2%80%93%20week%201.pdf`,
    );
    expect(response.headers.get("cache-control")).toBe("no-store, private");
    expect(response.headers.get("content-security-policy")).toMatch(/^sandbox;/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const { db } = await getAppContext();
    expect(
      (await auditRows(db, reader.userId)).filter((row) => row.action === "document.open"),
    ).toMatchObject([{ outcome: "success", document_id: documentId, break_glass: false }]);
  });

  it("fetched for the device's offline copy (?copy=device), it is audited as a copy, not an opening", async () => {
    const { db } = await getAppContext();
    const user = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_event WHERE user_id = $1 AND action = 'document.open'",
      [reader.userId],
    );
    signedIn.current = reader;
    const response = await route.GET(
      new Request(`http://localhost/api/documents/${documentId}?copy=device`),
      {
        params: Promise.resolve({ id: documentId }),
      },
    );
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(pdf));
    const rows = await auditRows(db, reader.userId);
    expect(rows.filter((row) => row.action === "document.sync")).toMatchObject([
      { outcome: "success", document_id: documentId },
    ]);
    expect(rows.filter((row) => row.action === "document.open")).toHaveLength(Number(user.rows[0]!.n));
  });

  it("refuses a reader without a session (401) and one from another ward (403, audited), sending no bytes", async () => {
    signedIn.current = null;
    expect((await call(documentId)).status).toBe(401);
    signedIn.current = otherWardReader;
    const refused = await call(documentId);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const { db } = await getAppContext();
    expect(
      (await auditRows(db, otherWardReader.userId)).filter((row) => row.action === "document.open"),
    ).toMatchObject([{ outcome: "refused" }]);
  });

  it("answers an unknown id exactly as another ward's document, so ids cannot be probed", async () => {
    signedIn.current = reader;
    const unknown = await call("00000000-0000-4000-8000-00000000dead");
    signedIn.current = otherWardReader;
    const elsewhere = await call(documentId);
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toEqual(await elsewhere.json());
  });
});
