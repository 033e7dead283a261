import { declareRoute } from "@/lib/access/authorize";
import { inlineDisposition } from "@/lib/documents/inline-disposition";
import { openDocumentContent } from "@/lib/documents/read-document";
import { documentResponse } from "@/lib/server/http/document-response";
import { staffRoute } from "@/lib/server/http/staff-route";
import { documentForReading } from "@/lib/ward-list/patient-record";

const route = declareRoute("patients:read");

/**
 * A downtime document for staff, opened in the browser (PDF inline, shown by the app's viewer
 * under the patient banner) or fetched for the device's offline copy; scope-checked and audited.
 */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return staffRoute(route, async ({ db, storage, principal }) => {
    // `?copy=device`: the device keeping it for offline use (audited as a copy, not an opening).
    const purpose = new URL(request.url).searchParams.get("copy") === "device" ? "device-copy" : "open";
    const document = await documentForReading(db, principal, (await params).id, new Date(), purpose);
    const stream = await openDocumentContent(storage, document);
    return documentResponse(document, stream, {
      disposition: inlineDisposition(document.title, document.contentType),
      cacheControl: "no-store, private",
    });
  });
}
