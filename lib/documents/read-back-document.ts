/**
 * An integration team reading back a document it sent (to check what arrived): only within the
 * API key's facilities, and audited like any other read of patient data, with the client as actor.
 */
import "server-only";
import type { Readable } from "node:stream";
import { type ApiClient, assertFacilityAllowed } from "@/lib/api-clients/api-clients";
import { recordAuditNow } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import type { DocumentPath } from "./document-metadata";
import { type DocumentRecord, findDocumentByExternalId, openDocumentContent } from "./read-document";

export async function readBackDocument(
  ctx: IngestContext,
  client: ApiClient,
  path: DocumentPath,
  facts: { ip: string; userAgent: string },
): Promise<{ document: DocumentRecord; stream: Readable }> {
  assertFacilityAllowed(client, path.facility);
  const document = await findDocumentByExternalId(ctx.db, path.facility, path.mrn, path.documentId);
  if (!document) throw new AppError("not_found", "No such document");
  const stream = await openDocumentContent(ctx.storage, document);
  await recordAuditNow(ctx.db, {
    action: "document.open",
    outcome: "success",
    method: "api",
    username: `api:${client.name}`.slice(0, 64),
    patientId: document.patientId,
    documentId: document.id,
    ...facts,
  });
  return { document, stream };
}
