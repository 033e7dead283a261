import { declareRoute } from "@/lib/access/authorize";
import { inlineDisposition } from "@/lib/documents/inline-disposition";
import { openDocumentContent } from "@/lib/documents/read-document";
import { documentResponse } from "@/lib/server/http/document-response";
import { staffRoute } from "@/lib/server/http/staff-route";
import { documentForReading } from "@/lib/ward-list/patient-record";

const route = declareRoute("patients:read");

/** A downtime document for staff, opened in the browser (PDF inline); scope-checked and audited. */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return staffRoute(route, async ({ db, storage, principal }) => {
    const document = await documentForReading(db, principal, (await params).id, new Date());
    const stream = await openDocumentContent(storage, document);
    return documentResponse(document, stream, {
      disposition: inlineDisposition(document.title, document.contentType),
      cacheControl: "no-store, private",
    });
  });
}
