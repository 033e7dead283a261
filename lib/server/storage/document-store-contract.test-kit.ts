/**
 * The behaviour every DocumentStore adapter must share, as vitest tests. Integration test files call
 * describeDocumentStoreContract once per adapter (files, S3 via s3rver). Tests share one store and
 * keep apart by writing under a fresh random folder each.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DocumentStore, ListedObject } from "@/lib/storage/types";

export interface StoreUnderTest {
  store: DocumentStore;
  cleanup: () => Promise<void>;
}

const PDF = "application/pdf";

/** A PDF-shaped body holding every byte value, CR/LF pairs included, to catch any text decoding. */
export function pdfLikeBody(): Buffer {
  const everyByte = Buffer.from(Array.from({ length: 256 }, (_, value) => value));
  return Buffer.concat([
    Buffer.from("%PDF-1.7\r\n%\xe2\xe3\xcf\xd3\r\n", "latin1"),
    everyByte,
    Buffer.from("\n%%EOF\n"),
  ]);
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const sha256 = (body: Uint8Array) => createHash("sha256").update(body).digest("hex");

/** Whether the key exists; destroys the stream so no file handle or socket is left open. */
async function exists(store: DocumentStore, key: string): Promise<boolean> {
  const got = await store.get(key);
  got?.stream.destroy();
  return got !== null;
}

const BAD_KEYS = [
  "",
  "/abs/doc.pdf",
  "a//b",
  "a/../b",
  "..",
  "./a",
  "a/./b",
  "a\\b",
  "a/b/",
  "a b",
  "fac/pat/ü.pdf",
  "fac/.hidden",
  "fac/doc.meta.json",
  "a%2Fb",
  "x".repeat(201),
  `${"a/".repeat(520)}a`,
];

export function describeDocumentStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let subject: StoreUnderTest | undefined;
    let base = "";
    const store = () => subject!.store;

    beforeAll(async () => {
      subject = await makeStore();
    });
    afterAll(async () => {
      await subject?.cleanup();
    });
    beforeEach(() => {
      base = `run-${randomUUID()}`;
    });

    it("round-trips a binary body with every byte value and keeps its content type", async () => {
      const body = pdfLikeBody();
      const stored = await store().put(`${base}/doc.pdf`, body, { contentType: PDF });
      expect(stored).toEqual({ key: `${base}/doc.pdf`, bytes: body.length, sha256: sha256(body) });

      const got = await store().get(`${base}/doc.pdf`);
      expect(got).not.toBeNull();
      expect(got!.contentType).toBe(PDF);
      expect(got!.bytes).toBe(body.length);
      expect((await readAll(got!.stream)).equals(body)).toBe(true);
    });

    it("round-trips a 6 MB body through the streaming path", async () => {
      const body = randomBytes(6 * 1024 * 1024 + 17);
      const stored = await store().put(`${base}/big.bin`, new Uint8Array(body), {
        contentType: "application/octet-stream",
      });
      expect(stored.sha256).toBe(sha256(body));
      const got = await store().get(`${base}/big.bin`);
      expect(got!.bytes).toBe(body.length);
      const read = await readAll(got!.stream);
      expect(read.length).toBe(body.length);
      expect(sha256(read)).toBe(sha256(body));
    });

    it("accepts a matching sha256 in either case", async () => {
      const body = pdfLikeBody();
      const upper = sha256(body).toUpperCase();
      const stored = await store().put(`${base}/doc.pdf`, body, { contentType: PDF, sha256: upper });
      expect(stored.sha256).toBe(sha256(body));
    });

    it("refuses a body that does not match its sha256 and stores nothing", async () => {
      const body = pdfLikeBody();
      const wrong = sha256(Buffer.from("something else"));
      await expect(
        store().put(`${base}/doc.pdf`, body, { contentType: PDF, sha256: wrong }),
      ).rejects.toMatchObject({
        code: "bad_request",
      });
      await expect(
        store().put(`${base}/doc.pdf`, body, { contentType: PDF, sha256: "abc" }),
      ).rejects.toMatchObject({
        code: "bad_request",
      });
      expect(await store().get(`${base}/doc.pdf`)).toBeNull();
    });

    it("overwrites an existing key, content type included", async () => {
      await store().put(`${base}/doc`, Buffer.from("first version, longer"), { contentType: "text/plain" });
      const second = Buffer.from("second");
      const stored = await store().put(`${base}/doc`, second, { contentType: PDF });
      expect(stored.sha256).toBe(sha256(second));
      const got = await store().get(`${base}/doc`);
      expect(got!.contentType).toBe(PDF);
      expect((await readAll(got!.stream)).toString()).toBe("second");
      expect(await store().usage(`${base}/`)).toEqual({ objects: 1, bytes: second.length });
    });

    it("answers null for a missing key, also under a missing folder", async () => {
      expect(await store().get(`${base}/nothing.pdf`)).toBeNull();
      expect(await store().get(`${base}/no/such/folder.pdf`)).toBeNull();
    });

    it("deletes an object, and deleting a missing key is not an error", async () => {
      await store().put(`${base}/doc.pdf`, pdfLikeBody(), { contentType: PDF });
      await store().delete(`${base}/doc.pdf`);
      expect(await store().get(`${base}/doc.pdf`)).toBeNull();
      await expect(store().delete(`${base}/doc.pdf`)).resolves.toBeUndefined();
      await expect(store().delete(`${base}/never/was.pdf`)).resolves.toBeUndefined();
      expect(await store().usage(`${base}/`)).toEqual({ objects: 0, bytes: 0 });
    });

    it("deleteByPrefix removes exactly the folder: p1/ goes, p10/ and p2/ stay", async () => {
      const put = (key: string, text: string) =>
        store().put(`${base}/${key}`, Buffer.from(text), { contentType: "text/plain" });
      await put("fac-a/p1/doc-1.pdf", "one");
      await put("fac-a/p1/doc-2.pdf", "two!");
      await put("fac-a/p1/scans/doc-3.pdf", "three");
      await put("fac-a/p10/doc-1.pdf", "ten");
      await put("fac-a/p2/doc-1.pdf", "two");

      expect(await store().deleteByPrefix(`${base}/fac-a/p1/`)).toEqual({ objects: 3, bytes: 12 });
      expect(await store().get(`${base}/fac-a/p1/doc-1.pdf`)).toBeNull();
      expect(await store().get(`${base}/fac-a/p1/scans/doc-3.pdf`)).toBeNull();
      expect(await store().usage(`${base}/fac-a/p1/`)).toEqual({ objects: 0, bytes: 0 });
      expect(await store().usage(`${base}/fac-a/`)).toEqual({ objects: 2, bytes: 6 });
      expect(await exists(store(), `${base}/fac-a/p10/doc-1.pdf`)).toBe(true);
      expect(await exists(store(), `${base}/fac-a/p2/doc-1.pdf`)).toBe(true);

      // Idempotent: purging again finds nothing.
      expect(await store().deleteByPrefix(`${base}/fac-a/p1/`)).toEqual({ objects: 0, bytes: 0 });
      // The folder can be written again after a purge.
      await put("fac-a/p1/doc-4.pdf", "four");
      expect(await store().usage(`${base}/fac-a/p1/`)).toEqual({ objects: 1, bytes: 4 });
    });

    it("deleteByPrefix insists on a folder prefix with a trailing slash, never the whole store", async () => {
      await store().put(`${base}/p1/doc.pdf`, Buffer.from("x"), { contentType: PDF });
      for (const prefix of [`${base}/p1`, "", "/", `${base}//`, `../${base}/`]) {
        await expect(store().deleteByPrefix(prefix)).rejects.toMatchObject({ code: "bad_request" });
      }
      expect(await store().usage(`${base}/`)).toEqual({ objects: 1, bytes: 1 });
    });

    it("usage counts objects and bytes under a prefix, and the whole store with an empty prefix", async () => {
      await store().put(`${base}/a/one.pdf`, Buffer.alloc(100, 1), { contentType: PDF });
      await store().put(`${base}/a/two.pdf`, Buffer.alloc(250, 2), { contentType: PDF });
      await store().put(`${base}/b/three.pdf`, Buffer.alloc(7, 3), { contentType: PDF });
      expect(await store().usage(`${base}/`)).toEqual({ objects: 3, bytes: 357 });
      expect(await store().usage(`${base}/a/`)).toEqual({ objects: 2, bytes: 350 });
      expect(await store().usage(`${base}/missing/`)).toEqual({ objects: 0, bytes: 0 });
      const all = await store().usage("");
      expect(all.objects).toBeGreaterThanOrEqual(3);
      expect(all.bytes).toBeGreaterThanOrEqual(357);
      await expect(store().usage(`${base}/a`)).rejects.toMatchObject({ code: "bad_request" });
    });

    it("lists every object under a prefix with its size and write time, and none of a neighbour's", async () => {
      const before = Date.now() - 60_000;
      await store().put(`${base}/p1/one.pdf`, Buffer.alloc(10, 1), { contentType: PDF });
      await store().put(`${base}/p1/scans/two.pdf`, Buffer.alloc(20, 2), { contentType: PDF });
      await store().put(`${base}/p10/three.pdf`, Buffer.alloc(30, 3), { contentType: PDF });
      const listed = await listAll(store(), `${base}/p1/`);
      expect(listed.map(({ key, bytes }) => ({ key, bytes }))).toEqual([
        { key: `${base}/p1/one.pdf`, bytes: 10 },
        { key: `${base}/p1/scans/two.pdf`, bytes: 20 },
      ]);
      for (const object of listed) {
        expect(object.lastModified).toBeInstanceOf(Date);
        expect(object.lastModified.getTime()).toBeGreaterThan(before);
        expect(object.lastModified.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
      }
      expect(await listAll(store(), `${base}/missing/`)).toEqual([]);
      const whole = (await listAll(store(), "")).map((object) => object.key);
      expect(whole).toEqual(expect.arrayContaining([`${base}/p1/one.pdf`, `${base}/p10/three.pdf`]));
      await expect(listAll(store(), `${base}/p1`)).rejects.toMatchObject({ code: "bad_request" });
    });

    it("deletes more than 1000 objects by prefix", { timeout: 120_000 }, async () => {
      const count = 1001;
      const keys = Array.from(
        { length: count },
        (_, i) => `${base}/bulk/doc-${String(i).padStart(4, "0")}.txt`,
      );
      await inParallel(keys, 32, (key) => store().put(key, Buffer.from("ab"), { contentType: "text/plain" }));
      expect(await store().usage(`${base}/bulk/`)).toEqual({ objects: count, bytes: 2 * count });
      // Listing pages past S3's 1,000 keys per ListObjectsV2 answer.
      expect((await listAll(store(), `${base}/bulk/`)).map((object) => object.key)).toEqual(keys);
      expect(await store().deleteByPrefix(`${base}/bulk/`)).toEqual({ objects: count, bytes: 2 * count });
      expect(await store().usage(`${base}/bulk/`)).toEqual({ objects: 0, bytes: 0 });
    });

    it.each(BAD_KEYS.map((key) => [key.length > 40 ? `${key.slice(0, 40)}… (${key.length})` : key, key]))(
      "rejects the bad key %j",
      async (_label, key) => {
        const body = Buffer.from("x");
        await expect(store().put(key, body, { contentType: PDF })).rejects.toMatchObject({
          code: "bad_request",
        });
        await expect(store().get(key)).rejects.toMatchObject({ code: "bad_request" });
        await expect(store().delete(key)).rejects.toMatchObject({ code: "bad_request" });
      },
    );

    it("accepts ids made of letters, digits, dots, dashes and underscores", async () => {
      const key = `${base}/FAC_01/3f2c-9a.b/doc-1.v2.pdf`;
      await store().put(key, Buffer.from("ok"), { contentType: PDF });
      expect(await exists(store(), key)).toBe(true);
    });

    it("pings", async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });
  });
}

/** Everything `list` yields under the prefix, sorted by key. */
export async function listAll(store: DocumentStore, prefix: string): Promise<ListedObject[]> {
  const listed: ListedObject[] = [];
  for await (const object of store.list(prefix)) listed.push(object);
  return listed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}
