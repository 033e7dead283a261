import { Readable } from "node:stream";
import { declareRoute } from "@/lib/access/authorize";
import { inlineDisposition } from "@/lib/documents/inline-disposition";
import { openDocumentContent } from "@/lib/documents/read-document";
import { staffRoute } from "@/lib/server/http/staff-route";
import { documentForReading } from "@/lib/ward-list/patient-record";

const route = declareRoute("patients:read");

/** A downtime document for staff, opened in the browser (PDF inline); scope-checked and audited. */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return staffRoute(route, async ({ db, storage, principal }) => {
    const document = await documentForReading(db, principal, (await params).id, new Date());
    const stream = await openDocumentContent(storage, document);
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        "Content-Type": document.contentType,
        "Content-Length": String(document.bytes),
        "Content-Disposition": inlineDisposition(document.title, document.contentType),
        "Cache-Control": "no-store, private",
        // Another system's HTML must never run script in our origin.
        "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
