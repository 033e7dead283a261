/**
 * Reads the stored bytes of the documents going into a print pack, with one byte budget for the
 * whole pack (a ward's documents could otherwise exhaust the server's memory). A document that is
 * missing from the store, fails mid-read or no longer matches its recorded SHA-256 comes back
 * null and gets a notice page; a store outage is thrown, so the caller answers 503 and the ward
 * tries again rather than printing a pack with holes in it.
 */
import "server-only";
import { createHash } from "node:crypto";
import { isUnavailableError } from "@/lib/db/unavailable";
import type { DocumentRecord } from "@/lib/documents/read-document";
import { AppError, isAppError } from "@/lib/errors";
import { log, safeError } from "@/lib/log";
import type { DocumentStore } from "@/lib/storage/types";

export type PackedRecord = DocumentRecord & { storageKey: string };

export function packTooLarge(limitBytes: number): AppError {
  const megabytes = Math.round(limitBytes / 1024 / 1024);
  return new AppError(
    "unprocessable",
    `This ward's documents together are larger than a print pack may be (${megabytes} MB); print them patient by patient`,
  );
}

async function readOne(
  storage: DocumentStore,
  record: PackedRecord,
  budget: { left: number; limit: number },
) {
  const object = await storage.get(record.storageKey);
  if (!object) return null;
  const chunks: Buffer[] = [];
  const hash = createHash("sha256");
  try {
    for await (const chunk of object.stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      budget.left -= bytes.length;
      if (budget.left < 0) throw packTooLarge(budget.limit);
      hash.update(bytes);
      chunks.push(bytes);
    }
  } catch (error) {
    object.stream.destroy();
    if (isAppError(error) || isUnavailableError(error)) throw error;
    log.warn("print-pack.document-unreadable", safeError(error));
    return null;
  }
  if (hash.digest("hex") !== record.sha256) {
    log.warn("print-pack.document-checksum-mismatch");
    return null;
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** A few reads at a time: quicker than one by one on S3, without opening a socket per document. */
export async function readPackContents(
  storage: DocumentStore,
  records: readonly PackedRecord[],
  limitBytes: number,
  parallel = 4,
): Promise<Map<string, Uint8Array | null>> {
  const contents = new Map<string, Uint8Array | null>();
  const budget = { left: limitBytes, limit: limitBytes };
  let next = 0;
  const worker = async () => {
    while (next < records.length) {
      const record = records[next++]!;
      try {
        contents.set(record.id, await readOne(storage, record, budget));
      } catch (error) {
        next = records.length; // the pack has failed: the other workers stop reading
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, records.length) }, worker));
  return contents;
}
