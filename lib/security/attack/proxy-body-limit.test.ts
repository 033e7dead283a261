/**
 * Attack: an upload larger than Next.js's proxy body limit. Every request runs through proxy.ts,
 * so Next.js copies its body for the proxy, and past `proxyClientMaxBodySize` it silently hands
 * the route only the first part (a 12 MiB PDF was stored as 10,449,920 bytes). These tests push
 * bodies through Next.js's own copying code (next/dist/server/body-streams.js, the code
 * `next start` runs) with this app's next.config.ts, exactly as a chunked upload arrives.
 */
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { getCloneableBody } from "next/dist/server/body-streams";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_BODY_BYTES_CEILING } from "@/lib/request-body-ceiling";
import { readBodyWithLimit } from "@/lib/server/http/read-body";
import nextConfig from "@/next.config";

const MiB = 1024 * 1024;
/** Node.js reads a socket 64 KiB at a time; an upload reaches Next.js in chunks of that size. */
const socketChunk = 64 * 1024;

function upload(bytes: number): Buffer {
  const body = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4096) body[i] = (i / 4096) % 251;
  return body;
}

/** What the route handler receives after proxy.ts ran, as Next.js's server arranges it. */
async function afterProxy(body: Buffer, limit: number | undefined): Promise<Buffer> {
  const chunks = Array.from({ length: Math.ceil(body.length / socketChunk) }, (_, i) =>
    body.subarray(i * socketChunk, (i + 1) * socketChunk),
  );
  const request = Readable.from(chunks, { objectMode: false }) as unknown as IncomingMessage;
  const cloneable = getCloneableBody(request, limit);
  const forProxy = cloneable.cloneBodyStream();
  forProxy.resume(); // proxy.ts never reads the body
  await cloneable.finalize();
  const received: Buffer[] = [];
  for await (const chunk of request as unknown as Readable) received.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(received);
}

const configuredLimit = nextConfig.experimental?.proxyClientMaxBodySize as number | undefined;

describe("uploads through Next.js's proxy body copy", () => {
  // Next.js warns on the console when it cuts a body; the tests assert on what arrives instead.
  beforeEach(() => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    return () => vi.restoreAllMocks();
  });

  it("(the flaw) without a configured limit, a 12 MiB upload reaches the route cut short", async () => {
    const arrived = await afterProxy(upload(12 * MiB), undefined);
    expect(arrived.length).toBeLessThanOrEqual(10 * MiB);
  });

  it("next.config.ts sets the proxy's limit above the largest body any route accepts", () => {
    expect(typeof configuredLimit).toBe("number");
    expect(configuredLimit).toBeGreaterThan(MAX_BODY_BYTES_CEILING + socketChunk);
  });

  it("a 12 MiB upload, and one at the ceiling, reach the route byte for byte", async () => {
    for (const size of [12 * MiB, MAX_BODY_BYTES_CEILING]) {
      const sent = upload(size);
      const arrived = await afterProxy(sent, configuredLimit);
      expect(arrived.length).toBe(size);
      expect(arrived.equals(sent)).toBe(true);
    }
  });

  it("an upload the proxy still cuts arrives over the ceiling, so the route refuses it with 413", async () => {
    const arrived = await afterProxy(upload(configuredLimit! + 3 * MiB), configuredLimit);
    expect(arrived.length).toBeGreaterThan(MAX_BODY_BYTES_CEILING);
    // Chunked, as the sender sent it: no Content-Length to compare against.
    const request = new Request("http://localhost/upload", {
      method: "PUT",
      body: Readable.toWeb(Readable.from([arrived])) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    await expect(readBodyWithLimit(request, MAX_BODY_BYTES_CEILING)).rejects.toMatchObject({
      code: "payload_too_large",
    });
  });
});
