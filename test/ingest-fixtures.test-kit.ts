/** Shared fixtures for ingest tests: an API client and an ingest context over a test database. */

import { afterAll, beforeAll } from "vitest";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import type { DocumentStore } from "@/lib/storage/types";
import type { TestDatabase } from "./databases.test-kit";
import { documentStores } from "./document-stores.test-kit";

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

/**
 * An ingest context over a fresh database of `target` with one site (RXD01, ward OAK) and a file
 * document store, set up before the file's tests and torn down after: what the HL7 end-to-end
 * tests share. Read `ctx` and `db` inside the tests.
 */
export function ingestTestBed(
  target: TestDatabase,
  now: string,
): { readonly ctx: IngestContext; readonly db: Database } {
  const bed = {} as { ctx: IngestContext; db: Database };
  let stop = async () => {};
  beforeAll(async () => {
    const { db, drop } = await target.create();
    const storage = await documentStores[0]!.create();
    stop = async () => {
      await drop();
      await storage.stop();
    };
    await saveFacilities(db, [
      { code: "RXD01", name: "Riverside", wards: [{ code: "OAK", name: "Oak", bedCount: 20 }] },
    ]);
    bed.db = db;
    bed.ctx = testIngestContext(db, now, storage.store);
  });
  afterAll(() => stop());
  return bed;
}
