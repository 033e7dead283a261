/**
 * Attack: documents that are too large, or arrive cut short, through the real upload route.
 * Exactly MAX_DOCUMENT_BYTES is stored byte for byte; one byte more is 413 with nothing stored,
 * whether the length is declared or the upload is chunked; a body shorter than its declared
 * length, a PDF without its end, or a body that does not match its Content-Digest is refused;
 * a stored copy that no longer matches what arrived is never served.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "@/test/route-app.test-kit";

const limit = 256 * 1024;
startTestApp({ MAX_DOCUMENT_BYTES: String(limit) });
const { PUT, GET } = await import("@/app/api/ingest/documents/[facility]/[mrn]/[documentId]/route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { createApiClient } = await import("@/lib/api-clients/api-clients");

/** A PDF of exactly `bytes` bytes: header, padding, trailer. */
function pdfOf(bytes: number): Buffer {
  const head = Buffer.from("%PDF-1.4\n");
  const tail = Buffer.from("\n%%EOF\n");
  return Buffer.concat([head, Buffer.alloc(bytes - head.length - tail.length, "x"), tail]);
}

/** A chunked upload: the body streamed in pieces, no Content-Length. */
function chunked(body: Buffer, pieceBytes = 16 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= body.length) return controller.close();
      controller.enqueue(new Uint8Array(body.subarray(offset, offset + pieceBytes)));
      offset += pieceBytes;
    },
  });
}

const sha256 = (body: Uint8Array) => createHash("sha256").update(body).digest();

describe("document uploads at and over MAX_DOCUMENT_BYTES", () => {
  let key: string;
  let facility: string;
  let mrn: string;
  const url = (id: string) => `http://localhost/api/ingest/documents/${facility}/${mrn}/${id}`;
  const params = (id: string) => ({ params: Promise.resolve({ facility, mrn, documentId: id }) });
  const put = (id: string, body: Buffer | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    PUT(
      new Request(url(id), {
        method: "PUT",
        body,
        duplex: "half",
        headers: {
          "X-API-Key": key,
          "Content-Type": "application/pdf",
          "X-Document-Title": "Drug chart",
          "X-Document-Kind": "MAR",
          "X-Produced-At": "2026-11-20T09:00:00Z",
          ...(Buffer.isBuffer(body) ? { "Content-Length": String(body.length) } : {}),
          ...headers,
        },
      } as RequestInit),
      params(id),
    );
  const readBack = (id: string) => GET(new Request(url(id), { headers: { "X-API-Key": key } }), params(id));
  const stored = async (id: string) => {
    const { db, storage } = await getAppContext();
    const { rows } = await db.query("SELECT id FROM document WHERE external_id = $1", [id]);
    return { rows: rows.length, objects: (await storage.usage("")).objects };
  };

  beforeAll(async () => {
    const { db } = await getAppContext();
    const { rows } = await db.query<{ code: string; mrn: string }>(
      "SELECT f.code, p.mrn FROM patient p JOIN facility f ON f.id = p.facility_id ORDER BY p.mrn LIMIT 1",
    );
    ({ code: facility, mrn } = rows[0]!);
    key = (await createApiClient(db, { name: "Documents feed", facilityCodes: [facility] })).key;
  });
  afterAll(async () => (await getAppContext()).db.close());

  it("stores a document of exactly the limit byte for byte, declared or chunked", async () => {
    for (const [id, send] of [
      ["at-limit", (body: Buffer) => body],
      ["at-limit-chunked", (body: Buffer) => chunked(body)],
    ] as const) {
      const sent = pdfOf(limit);
      const response = await put(id, send(sent));
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ bytes: limit, sha256: sha256(sent).toString("hex") });
      const back = await readBack(id);
      expect(back.status).toBe(200);
      expect(Buffer.from(await back.arrayBuffer()).equals(sent)).toBe(true);
    }
  });

  it("refuses one byte over with 413 and stores nothing, declared or chunked", async () => {
    const before = await stored("over");
    for (const body of [pdfOf(limit + 1), chunked(pdfOf(limit + 1))]) {
      const response = await put("over", body);
      expect(response.status).toBe(413);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({
        status: 413,
        detail: expect.stringContaining(`${limit}`),
      });
    }
    expect(await stored("over")).toEqual({ ...before, rows: 0 });
  });

  it("refuses a body shorter than its Content-Length (cut short on the way) with 413", async () => {
    const before = await stored("cut");
    const whole = pdfOf(20_000);
    const response = await put("cut", chunked(whole.subarray(0, 12_000)), {
      "Content-Length": String(whole.length),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).detail).toMatch(/12000 of the 20000 bytes.*nothing was stored/);
    expect(await stored("cut")).toEqual({ ...before, rows: 0 });
  });

  it("refuses a chunked PDF that lost its end with 400", async () => {
    const response = await put("no-trailer", chunked(pdfOf(20_000).subarray(0, 15_000)));
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toMatch(/PDF is incomplete/);
    expect((await stored("no-trailer")).rows).toBe(0);
  });

  it("checks a Content-Digest when one is sent: a match is stored, anything else refused", async () => {
    const body = pdfOf(30_000);
    const digest = `sha-256=:${sha256(body).toString("base64")}:`;
    expect((await put("digest-ok", body, { "Content-Digest": digest })).status).toBe(201);
    const other = `sha-256=:${sha256(pdfOf(29_999)).toString("base64")}:`;
    const refused = await put("digest-bad", chunked(body), { "Content-Digest": other });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ location: "Content-Digest" });
    expect((await put("digest-bad", body, { "Content-Digest": "md5=:AAAA:" })).status).toBe(400);
    expect((await put("digest-bad", body, { "Content-Digest": "sha-256=abc" })).status).toBe(400);
    expect((await stored("digest-bad")).rows).toBe(0);
  });

  it("answers a problem, not the bytes, when the stored copy no longer matches what arrived", async () => {
    expect((await put("tampered", pdfOf(10_000))).status).toBe(201);
    const { db, storage } = await getAppContext();
    const { rows } = await db.query<{ storage_key: string }>(
      "SELECT storage_key FROM document WHERE external_id = 'tampered'",
    );
    await storage.put(rows[0]!.storage_key, pdfOf(9_000), { contentType: "application/pdf" });
    const response = await readBack("tampered");
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await response.json()).detail).toMatch(/SHA-256 check failed/);
  });
});
