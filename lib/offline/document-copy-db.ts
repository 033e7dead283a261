/**
 * The device's copy of downtime documents (IndexedDB through Dexie), beside the ward cache
 * (ward-cache-db.ts) and wiped with it (ward-cache.ts wipeCache). What it stores where:
 *
 * - `documents`: one row per document kept. In clear only what is not identifying and is needed
 *   without the key: the document id, the key id that sealed it, the stay it belongs to (an
 *   internal id), its size, content type and when this device stored it. The bytes are AES-GCM
 *   ciphertext under the session's ward cache key, with the document id as additional data, so a
 *   row's bytes cannot be passed off as another document's (another patient's).
 * - `meta`: the budget in force and the ids of documents left out because they did not fit, so
 *   the screen can say which documents open only online. No patient data.
 *
 * Every row carries `fetchedAt` (epoch ms when this device stored it).
 */
import Dexie, { type EntityTable } from "dexie";
import * as z from "zod/mini";

import { documentCopyDbName } from "./document-copy-name";

export { documentCopyDbName };

export const documentRowSchema = z.object({
  documentId: z.string().check(z.minLength(1)),
  keyId: z.string().check(z.minLength(1)),
  stayId: z.string().check(z.minLength(1)),
  contentType: z.string(),
  bytes: z.number(),
  fetchedAt: z.number(),
  iv: z.custom<Uint8Array<ArrayBuffer>>((value) => value instanceof Uint8Array && value.length === 12),
  data: z.instanceof(ArrayBuffer),
});
export type DocumentRow = z.infer<typeof documentRowSchema>;

export interface DocumentMetaRow {
  key: "overBudget" | "budgetBytes";
  value: string[] | number;
  fetchedAt: number;
}

export class DocumentCopyDb extends Dexie {
  documents!: EntityTable<DocumentRow, "documentId">;
  meta!: EntityTable<DocumentMetaRow, "key">;

  constructor(name: string = documentCopyDbName) {
    super(name);
    // Version 1. A later version adds `this.version(2)` with an upgrade; never edit this one.
    // Nothing identifying may be indexed (indexes are readable without the key).
    this.version(1).stores({ documents: "documentId, keyId, stayId, fetchedAt", meta: "key" });
  }
}
