/**
 * Test helper: stores a downtime document through the real ingest path, as an integration engine
 * with a key for the document's facility would, so route tests start from what a hospital sends.
 */

import type { Database } from "@/lib/db/types";
import type { DocumentStore } from "@/lib/storage/types";
import type { DocumentMetadata } from "./document-metadata";
import { type DocumentTarget, ingestDocument, type StoredDocument } from "./ingest-document";

export function storeTestDocument(
  context: { db: Database; storage: DocumentStore },
  target: DocumentTarget,
  metadata: DocumentMetadata,
  body: Uint8Array,
): Promise<StoredDocument> {
  const client = {
    id: "00000000-0000-4000-8000-0000000000d0",
    name: "Test documents",
    keyPrefix: "docstest",
    facilityCodes: [target.facility],
    rateLimitPerMinute: 1000,
    createdAt: new Date(),
  };
  const ingest = { ...context, timeZone: "Europe/London", tombstoneKey: "k", now: () => new Date() };
  return ingestDocument(ingest, client, target, metadata, body);
}
