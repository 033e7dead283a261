/**
 * Path traversal through the document routes (issue 18, item 6): the ingest PUT/GET
 * `[facility]/[mrn]/[documentId]` and the staff GET `/api/documents/[id]` with `..`, encoded and
 * Windows separators, NUL and over-long segments. Refused (400/404, never 5xx), nothing stored,
 * no file written outside the data folder, and the store keys stay internal ids
 * (lib/documents/storage-keys.ts), so even `..` as a document id names no path.
 */
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-downtime-path": "/api/documents/x", "x-downtime-method": "GET" }),
  cookies: async () => ({ has: () => false, get: () => undefined }),
}));

const dataDir = startTestApp();
const ingestRoute = await import("@/app/api/ingest/documents/[facility]/[mrn]/[documentId]/route");
const staffRoute = await import("@/app/api/documents/[id]/route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { createApiClient } = await import("@/lib/api-clients/api-clients");

const hostile = [
  "..",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "..\\..\\windows\\win.ini",
  "a/../../b",
  "doc\u0000.pdf",
  "x".repeat(4096),
  "",
];

describe("path traversal in document routes", () => {
  let key: string;
  let facility: string;
  let mrn: string;
  beforeAll(async () => {
    const { db } = await getAppContext();
    key = (await createApiClient(db, { name: "Docs feed", facilityCodes: ["RXD01"] })).key;
    const { rows } = await db.query<{ code: string; mrn: string }>(
      "SELECT f.code, p.mrn FROM patient p JOIN facility f ON f.id = p.facility_id WHERE f.code = 'RXD01' ORDER BY p.mrn LIMIT 1",
    );
    ({ code: facility, mrn } = rows[0]!);
    const clinician = await db.query<{ id: string }>(
      "SELECT id FROM staff_user WHERE lower(username) = 'demo\\clinician'",
    );
    signedIn.current = testPrincipal(["clinician"], {
      userId: clinician.rows[0]!.id,
      username: "demo\\clinician",
    });
  });
  afterAll(async () => (await getAppContext()).db.close());

  const put = (params: Record<string, string>) =>
    ingestRoute.PUT(
      new Request("http://localhost/api/ingest/documents/x/y/z", {
        method: "PUT",
        body: "%PDF-1.4\nx\n%%EOF\n",
        headers: {
          "X-API-Key": key,
          "Content-Type": "application/pdf",
          "X-Document-Title": "../../evil",
          "X-Document-Kind": "MAR",
          "X-Produced-At": "2026-11-20T09:00:00Z",
        },
      }),
      { params: Promise.resolve(params as { facility: string; mrn: string; documentId: string }) },
    );

  it("refuses a hostile facility, MRN or document id on upload and read-back, storing nothing outside ids", async () => {
    const { db } = await getAppContext();
    const before = (await db.query("SELECT id FROM document")).rows.length;
    const tmpBefore = new Set(readdirSync(tmpdir()));
    for (const value of hostile) {
      for (const params of [
        { facility: value, mrn, documentId: "d1" },
        { facility, mrn: value, documentId: "d1" },
        { facility, mrn, documentId: value },
      ]) {
        const response = await put(params);
        // ".." passes the segment rule (letters, digits, '.', '_', '-') as a document id only: it is
        // then an external id in a column, never part of a store key.
        if (params.documentId === ".." && response.status < 300) continue;
        expect([400, 403, 404], `${JSON.stringify(params).slice(0, 80)} → ${response.status}`).toContain(
          response.status,
        );
        expect((await response.json()).title).toBeTruthy();
        const readBack = await ingestRoute.GET(
          new Request("http://localhost/api/ingest/documents/x/y/z", { headers: { "X-API-Key": key } }),
          { params: Promise.resolve(params) },
        );
        expect([400, 403, 404]).toContain(readBack.status);
      }
    }
    const { rows } = await db.query<{ storage_key: string }>("SELECT storage_key FROM document");
    expect(rows.length - before).toBeLessThanOrEqual(1);
    for (const row of rows)
      expect(row.storage_key).toMatch(
        /^facilities\/[0-9a-f-]{36}\/patients\/[0-9a-f-]{36}\/documents\/[\w-]+$/,
      );
    // Nothing was written beside the data folder (a traversal out of it would land in its parent).
    const added = readdirSync(tmpdir()).filter((entry) => !tmpBefore.has(entry));
    expect(
      added.filter((entry) => !entry.startsWith("downtime-") && entry !== path.basename(dataDir)),
    ).toEqual([]);
  });

  it("answers a staff read of a hostile document id 400, 403 or 404, never a file", {
    timeout: 120_000,
  }, async () => {
    for (const id of hostile) {
      const response = await staffRoute.GET(
        new Request(`http://localhost/api/documents/${encodeURIComponent(id)}`),
        {
          params: Promise.resolve({ id }),
        },
      );
      expect([400, 403, 404], `${id.slice(0, 40)} → ${response.status}`).toContain(response.status);
      expect(response.headers.get("content-type") ?? "").not.toMatch(/pdf|octet/);
    }
  });
});
