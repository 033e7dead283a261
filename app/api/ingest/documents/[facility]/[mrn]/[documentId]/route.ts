import { Readable } from "node:stream";
import { declareRoute } from "@/lib/access/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { documentPathSchema, readDocumentMetadata } from "@/lib/documents/document-metadata";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { findDocumentByExternalId, openDocumentContent } from "@/lib/documents/read-document";
import { getConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { authorizeIngest } from "@/lib/ingest/authorize-ingest";
import { assertFacilityAllowed } from "@/lib/ingest-auth/api-clients";
import { problemResponse } from "@/lib/server/http/problem";
import { readBodyWithLimit } from "@/lib/server/http/read-body";
import { requestFacts } from "@/lib/server/http/request-facts";
import { toAppError } from "@/lib/server/http/to-app-error";
import { ingestContextFromApp } from "@/lib/server/ingest-context";

// Integration engines authenticate with an API key (authorizeIngest), never a session.
declareRoute("api-key");

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ facility: string; mrn: string; documentId: string }> };

async function target(params: Params["params"]) {
  const parsed = documentPathSchema.safeParse(await params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("bad_request", `Invalid path: ${String(issue.path[0])} ${issue.message}`);
  }
  return parsed.data;
}

/** Upload (or replace) a downtime document; metadata in headers (see lib/documents/document-metadata.ts). */
export async function PUT(request: Request, { params }: Params) {
  try {
    const ctx = await ingestContextFromApp();
    const client = await authorizeIngest(ctx.db, request.headers);
    const path = await target(params);
    const metadata = readDocumentMetadata(request.headers);
    const body = await readBodyWithLimit(request, getConfig().maxDocumentBytes);
    const stored = await ingestDocument(ctx, client, path, metadata, body);
    return Response.json(stored, {
      status: stored.outcome === "created" ? 201 : 200,
      headers: { "Cache-Control": "no-store" },
    });
  } catch (error) {
    return problemResponse(toAppError(error, "ingest.document"));
  }
}

/** Read back what was sent (for the integration team's checks); staff read documents elsewhere. */
export async function GET(request: Request, { params }: Params) {
  try {
    const ctx = await ingestContextFromApp();
    const client = await authorizeIngest(ctx.db, request.headers);
    const path = await target(params);
    assertFacilityAllowed(client, path.facility);
    const document = await findDocumentByExternalId(ctx.db, path.facility, path.mrn, path.documentId);
    if (!document) throw new AppError("not_found", "No such document");
    const stream = await openDocumentContent(ctx.storage, document);
    // A read of patient data like any other: audited, with the integration client as the actor.
    await recordAudit(ctx.db, {
      action: "document.open",
      outcome: "success",
      method: "api",
      username: `api:${client.name}`.slice(0, 64),
      patientId: document.patientId,
      documentId: document.id,
      ...requestFacts(request.headers),
    });
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        "Content-Type": document.contentType,
        "Content-Length": String(document.bytes),
        "Content-Disposition": "inline",
        "Cache-Control": "no-store",
        // HTML documents come from another system: never let them run script in our origin.
        "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        "X-Content-Type-Options": "nosniff",
        ETag: `"${document.sha256}"`,
      },
    });
  } catch (error) {
    return problemResponse(toAppError(error, "ingest.document"));
  }
}
