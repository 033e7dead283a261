// Files adapter specifics beyond the shared contract: on-disk layout, sidecars, temp files, collisions.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listAll, readAll } from "./document-store-contract.test-kit";
import { createFileStore } from "./files";

let dir = "";
let root = "";

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "downtime-files-"));
  root = path.join(dir, "documents");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listTree(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe("files document store", () => {
  it("keeps the bytes at <root>/<key> and content type and sha256 in a sidecar, with no temp files left", async () => {
    const store = createFileStore({ root });
    const body = Buffer.from("%PDF-1.7 hello");
    await store.put("fac-a/p1/doc.pdf", body, { contentType: "application/pdf" });

    expect(await listTree(root)).toEqual(["fac-a/p1/doc.pdf", "fac-a/p1/doc.pdf.meta.json"]);
    expect((await readFile(path.join(root, "fac-a/p1/doc.pdf"))).equals(body)).toBe(true);
    expect(JSON.parse(await readFile(path.join(root, "fac-a/p1/doc.pdf.meta.json"), "utf8"))).toEqual({
      contentType: "application/pdf",
      sha256: createHash("sha256").update(body).digest("hex"),
      bytes: body.length,
    });
  });

  it("counts neither sidecars nor stray temp files, purges both, and removes the emptied folders", async () => {
    const store = createFileStore({ root });
    await store.put("fac-a/p1/doc.pdf", Buffer.from("12345"), { contentType: "application/pdf" });
    await store.put("fac-a/p2/doc.pdf", Buffer.from("67"), { contentType: "application/pdf" });
    // What a crash between open and rename leaves behind.
    await writeFile(path.join(root, "fac-a/p1/.doc.pdf.0a1b2c.tmp"), "partial");

    expect(await store.usage("fac-a/p1/")).toEqual({ objects: 1, bytes: 5 });
    expect((await listAll(store, "fac-a/")).map((object) => object.key)).toEqual([
      "fac-a/p1/doc.pdf",
      "fac-a/p2/doc.pdf",
    ]);
    expect(await store.deleteByPrefix("fac-a/p1/")).toEqual({ objects: 1, bytes: 5 });
    await expect(stat(path.join(root, "fac-a/p1"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await listTree(root)).toEqual(["fac-a/p2/doc.pdf", "fac-a/p2/doc.pdf.meta.json"]);
  });

  it("serves an object whose sidecar is missing as application/octet-stream", async () => {
    const store = createFileStore({ root });
    await mkdir(path.join(root, "fac-a"), { recursive: true });
    await writeFile(path.join(root, "fac-a/orphan.bin"), "bytes");
    const got = await store.get("fac-a/orphan.bin");
    expect(got?.contentType).toBe("application/octet-stream");
    expect((await readAll(got!.stream)).toString()).toBe("bytes");
  });

  it("leaves one whole version when the same key is written concurrently", async () => {
    const store = createFileStore({ root });
    const bodies = Array.from({ length: 20 }, (_, i) => Buffer.alloc(64 * 1024, i));
    await Promise.all(bodies.map((body) => store.put("fac-a/p1/doc.bin", body, { contentType: "x/y" })));
    const got = await store.get("fac-a/p1/doc.bin");
    const read = await readAll(got!.stream);
    expect(bodies.some((body) => body.equals(read))).toBe(true);
    expect(await listTree(root)).toEqual(["fac-a/p1/doc.bin", "fac-a/p1/doc.bin.meta.json"]);
  });

  it("answers conflict when a key would need an existing object to be a folder, or the reverse", async () => {
    const store = createFileStore({ root });
    await store.put("fac-a/p1", Buffer.from("x"), { contentType: "text/plain" });
    await expect(
      store.put("fac-a/p1/doc.pdf", Buffer.from("y"), { contentType: "text/plain" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await store.get("fac-a/p1/doc.pdf")).toBeNull();

    await store.put("fac-b/p1/doc.pdf", Buffer.from("y"), { contentType: "text/plain" });
    await expect(
      store.put("fac-b/p1", Buffer.from("x"), { contentType: "text/plain" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await store.get("fac-b/p1")).toBeNull();
    await expect(store.delete("fac-b/p1")).resolves.toBeUndefined();
    expect(await store.usage("fac-b/")).toEqual({ objects: 1, bytes: 1 });
  });

  it("fails ping with unavailable, and no path in the message, when the root cannot be written", async () => {
    await writeFile(path.join(dir, "not-a-folder"), "");
    const store = createFileStore({ root: path.join(dir, "not-a-folder", "documents") });
    const failure = await store.ping().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "unavailable" });
    expect((failure as Error).message).not.toContain(dir);
  });

  it("creates the root on first use", async () => {
    const store = createFileStore({ root });
    await store.ping();
    expect((await stat(root)).isDirectory()).toBe(true);
    expect(await readdir(root)).toEqual([]);
  });
});
