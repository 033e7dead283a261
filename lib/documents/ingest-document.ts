/**
 * Stores a downtime document for a patient (and optionally a stay). The bytes go to the document
 * store first, under a fresh key; the metadata row is then written in one transaction. A newer
 * version (later produced-at) replaces the older one and the old object is deleted after the
 * commit; an older or identical version changes nothing. If the transaction fails, the new
 * object is deleted again, so no half-stored document remains. Whatever the store cannot delete
 * (down at that moment, or the commit's outcome unknown) is left for the purge runner's sweep of
 * objects no row names; the answer is always what was committed. The body's SHA-256 is checked
 * against the sender's Content-Digest when it sent one, recorded with the row, and checked again
 * on every read (verified-content.ts).
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { assertFacilityAllowed } from "@/lib/api-clients/api-clients";
import type { Queryable } from "@/lib/db/types";
import { isUnavailableError } from "@/lib/db/unavailable";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { log, safeError } from "@/lib/log";
import { assertDigestMatches } from "./content-digest";
import { assertBodyMatchesType, type DocumentMetadata } from "./document-metadata";
import { documentKey } from "./storage-keys";

export interface DocumentTarget {
  facility: string;
  mrn: string;
  documentId: string;
}

export interface StoredDocument {
  id: string;
  outcome: "created" | "replaced" | "unchanged" | "older-ignored";
  bytes: number;
  sha256: string;
}

async function findPatient(tx: Queryable, facilityCode: string, mrn: string) {
  const { rows } = await tx.query<{ facility_id: string; patient_id: string }>(
    `SELECT f.id AS facility_id, COALESCE(p.merged_into, p.id) AS patient_id
       FROM facility f JOIN patient p ON p.facility_id = f.id AND p.mrn = $2
      WHERE f.code = $1`,
    [facilityCode, mrn],
  );
  if (!rows[0])
    throw new AppError(
      "not_found",
      "No patient with this MRN at this facility yet; send the ADT first, then retry",
    );
  return rows[0];
}

async function findStay(
  tx: Queryable,
  facilityId: string,
  visitNumber: string | undefined,
): Promise<string | null> {
  if (!visitNumber) return null;
  const { rows } = await tx.query<{ id: string }>(
    "SELECT id FROM stay WHERE facility_id = $1 AND visit_number = $2",
    [facilityId, visitNumber],
  );
  if (!rows[0])
    throw new AppError("not_found", "No stay with this visit number at this facility", {
      location: "X-Visit-Number",
    });
  return rows[0].id;
}

export async function ingestDocument(
  ctx: IngestContext,
  client: ApiClient,
  target: DocumentTarget,
  metadata: DocumentMetadata,
  body: Uint8Array,
): Promise<StoredDocument> {
  assertFacilityAllowed(client, target.facility);
  assertBodyMatchesType(body, metadata.contentType);
  const sha256 = createHash("sha256").update(body).digest("hex");
  assertDigestMatches(metadata.declaredSha256, sha256);
  const { facility_id: facilityId, patient_id: patientId } = await findPatient(
    ctx.db,
    target.facility,
    target.mrn,
  );
  const key = documentKey(facilityId, patientId, randomUUID());
  await ctx.storage.put(key, body, { contentType: metadata.contentType, sha256 });

  let replacedKey: string | undefined;
  let result: StoredDocument;
  try {
    result = await writeTransaction(ctx.db, async (tx) => {
      replacedKey = undefined;
      // The patient may have been purged since it was looked up: check again inside the transaction.
      const { patient_id: current } = await findPatient(tx, target.facility, target.mrn);
      if (current !== patientId)
        throw new AppError("conflict", "The patient changed while the document was stored; retry");
      const stayId = await findStay(tx, facilityId, metadata.visitNumber);
      const { rows } = await tx.query<{ id: string; produced_at: Date; sha256: string; storage_key: string }>(
        "SELECT id, produced_at, sha256, storage_key FROM document WHERE patient_id = $1 AND external_id = $2",
        [patientId, target.documentId],
      );
      const existing = rows[0];
      if (existing && new Date(existing.produced_at).getTime() > metadata.producedAt.getTime()) {
        return { id: existing.id, outcome: "older-ignored" as const, bytes: body.byteLength, sha256 };
      }
      if (
        existing?.sha256 === sha256 &&
        new Date(existing.produced_at).getTime() === metadata.producedAt.getTime()
      ) {
        return { id: existing.id, outcome: "unchanged" as const, bytes: body.byteLength, sha256 };
      }
      const values = [
        metadata.kind,
        metadata.title,
        metadata.contentType,
        body.byteLength,
        sha256,
        key,
        metadata.producedAt,
        stayId,
      ];
      if (existing) {
        await tx.query(
          `UPDATE document SET kind = $2, title = $3, content_type = $4, bytes = $5, sha256 = $6, storage_key = $7,
             produced_at = $8, stay_id = $9, received_at = now() WHERE id = $1`,
          [existing.id, ...values],
        );
        replacedKey = existing.storage_key;
        return { id: existing.id, outcome: "replaced" as const, bytes: body.byteLength, sha256 };
      }
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO document (facility_id, patient_id, external_id, kind, title, content_type, bytes, sha256, storage_key, produced_at, stay_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [facilityId, patientId, target.documentId, ...values],
      );
      return { id: inserted.rows[0]!.id, outcome: "created" as const, bytes: body.byteLength, sha256 };
    });
  } catch (error) {
    await discardUncommitted(ctx, key, error);
    throw error;
  }
  // Committed: from here the answer is what was saved, whatever the store does next.
  const superseded = result.outcome === "older-ignored" || result.outcome === "unchanged" ? key : replacedKey;
  if (superseded) await removeSuperseded(ctx, superseded, result.outcome);
  log.info("document.stored", { outcome: result.outcome, bytes: result.bytes });
  return result;
}

/**
 * After a failed transaction, the new object goes again, unless the failure was an outage: a
 * connection lost during COMMIT leaves the outcome unknown, and deleting an object a committed row
 * names would lose the document. Then (and when the delete itself fails) the object stays for the
 * purge runner's sweep of objects no row names (lib/retention/sweep-orphan-objects.ts).
 */
async function discardUncommitted(ctx: IngestContext, key: string, error: unknown): Promise<void> {
  if (isUnavailableError(error)) {
    log.warn("document.orphan", { reason: "outcome-unknown", ...safeError(error) });
    return;
  }
  await ctx.storage.delete(key).catch((failure: unknown) => {
    log.warn("document.orphan", { reason: "cleanup-failed", ...safeError(failure) });
  });
}

/**
 * The object no row names any more (the replaced version, or the copy of a version already held).
 * A store blip here must not turn a saved change into an error the sender would resend: the
 * object is left for the sweep, and the log says so with no key or patient data.
 */
async function removeSuperseded(ctx: IngestContext, key: string, outcome: StoredDocument["outcome"]) {
  try {
    await ctx.storage.delete(key);
  } catch (error) {
    log.warn("document.orphan", { reason: "delete-after-commit-failed", outcome, ...safeError(error) });
  }
}
