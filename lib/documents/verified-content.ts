/**
 * A stored document's bytes, checked against the size and SHA-256 its row recorded when it
 * arrived, before any of it is served: a clinician must never be shown part of a drug chart, or
 * another version of it, as if it were the document. So the object is read whole (documents are
 * at most MAX_DOCUMENT_BYTES) and a mismatch is refused instead of streamed.
 */
import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { DocumentStore } from "@/lib/storage/types";

export interface ExpectedContent {
  id: string;
  storageKey: string;
  bytes: number;
  sha256: string;
}

export async function readVerifiedContent(
  storage: DocumentStore,
  document: ExpectedContent,
): Promise<Buffer> {
  const object = await storage.get(document.storageKey);
  if (!object) throw new AppError("unavailable", "The document's content is missing from storage");
  if (object.bytes !== document.bytes) {
    object.stream.destroy();
    throw integrityFailure(document, "size", object.bytes);
  }
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of object.stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      read += bytes.length;
      // Never hold more than the document can be, whatever the store says its size is.
      if (read > document.bytes) throw integrityFailure(document, "size", read);
      hash.update(bytes);
      chunks.push(bytes);
    }
  } finally {
    object.stream.destroy();
  }
  if (read !== document.bytes) throw integrityFailure(document, "size", read);
  if (hash.digest("hex") !== document.sha256) throw integrityFailure(document, "sha256", read);
  return Buffer.concat(chunks, read);
}

/** Logged with the internal document id and sizes only (never the title, patient or key). */
function integrityFailure(
  document: ExpectedContent,
  check: "size" | "sha256",
  actualBytes: number,
): AppError {
  log.error("document.integrity-failed", {
    documentId: document.id,
    check,
    expectedBytes: document.bytes,
    actualBytes,
  });
  return new AppError(
    "unavailable",
    "This document's stored copy does not match what was received (SHA-256 check failed), so it is not shown; the sending system needs to send it again",
  );
}
