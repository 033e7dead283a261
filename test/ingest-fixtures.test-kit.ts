/** Shared fixtures for ingest tests: an API client and an ingest context over a test database. */

import type { ApiClient } from "@/lib/api-clients/api-clients";
import type { Database } from "@/lib/db/types";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import type { DocumentStore } from "@/lib/storage/types";

export function testApiClient(name: string, facilityCodes = ["RXD01"]): ApiClient {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    name,
    keyPrefix: "test0001",
    facilityCodes,
    rateLimitPerMinute: 1000,
    createdAt: new Date(),
  };
}

/** Ingest context with a fixed clock; `storage` only for tests that store documents. */
export function testIngestContext(db: Database, now: string, storage = {} as DocumentStore): IngestContext {
  return { db, storage, timeZone: "Europe/London", tombstoneKey: "k", now: () => new Date(now) };
}
