/** A stored document as an HTTP response: its bytes streamed, never cached, never run as our page. */
import "server-only";
import { Readable } from "node:stream";
import type { DocumentRecord } from "@/lib/documents/read-document";

export function documentResponse(
  document: Pick<DocumentRecord, "contentType" | "bytes">,
  stream: Readable,
  headers: { disposition: string; cacheControl: string; etag?: string },
): Response {
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "Content-Type": document.contentType,
      "Content-Length": String(document.bytes),
      "Content-Disposition": headers.disposition,
      "Cache-Control": headers.cacheControl,
      // HTML documents come from another system: never let them run script in our origin.
      "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      "X-Content-Type-Options": "nosniff",
      ...(headers.etag ? { ETag: headers.etag } : {}),
    },
  });
}
