/** What the ingest services need from the running app, passed in so they stay testable. */
import type { Database } from "@/lib/db/types";
import type { DocumentStore } from "@/lib/storage/types";

export interface IngestContext {
  db: Database;
  storage: DocumentStore;
  /** For HL7 times without an offset. */
  timeZone: string;
  /** Key for purge tombstone hashes. */
  tombstoneKey: string;
  now: () => Date;
}
