import { declareRoute } from "@/lib/access/authorize";
import { parseDocumentPath, readDocumentMetadata } from "@/lib/documents/document-metadata";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { readBackDocument } from "@/lib/documents/read-back-document";
import { documentResponse } from "@/lib/server/http/document-response";
import { documentProtocol } from "@/lib/server/http/ingest-protocols";
import { ingestRoute } from "@/lib/server/http/ingest-route";
import { requestFacts } from "@/lib/server/http/request-facts";

// Integration engines authenticate with an API key (ingestRoute), never a session.
declareRoute("api-key");

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ facility: string; mrn: string; documentId: string }> };

/** Upload (or replace) a downtime document; metadata in headers (see lib/documents/document-metadata.ts). */
export function PUT(request: Request, { params }: Params) {
  return ingestRoute(request, documentProtocol, async ({ ingest, client, config, body }) => {
    const path = parseDocumentPath(await params);
    const metadata = readDocumentMetadata(request.headers);
    const stored = await ingestDocument(ingest, client, path, metadata, await body(config.maxDocumentBytes));
    return Response.json(stored, {
      status: stored.outcome === "created" ? 201 : 200,
      headers: { "Cache-Control": "no-store" },
    });
  });
}

/** Read back what was sent (for the integration team's checks); staff read documents elsewhere. */
export function GET(request: Request, { params }: Params) {
  return ingestRoute(request, documentProtocol, async ({ ingest, client }) => {
    const path = parseDocumentPath(await params);
    const { document, stream } = await readBackDocument(ingest, client, path, requestFacts(request.headers));
    return documentResponse(document, stream, {
      disposition: "inline",
      cacheControl: "no-store",
      etag: `"${document.sha256}"`,
    });
  });
}
