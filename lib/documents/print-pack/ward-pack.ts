/**
 * "Print all documents for this ward": the paper fallback when the EPR is down. Checks the ward
 * is in the reader's scope (refusals are audited by the check), reads the ward's census snapshot
 * and its documents' bytes, builds one PDF in bed order, and audits every document printed as a
 * document read (`document.open`, via print-pack) plus the pack itself as a view of the ward.
 * The audit is written before the PDF is handed back: nothing is printed unrecorded.
 */
import "server-only";
import { assertCanReadWard } from "@/lib/access/ward-scope";
import { actorFields } from "@/lib/audit/actor-fields";
import { type AuditEventInput, recordAuditInSlices } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { findDocumentsByIds } from "@/lib/documents/read-document";
import type { DocumentStore } from "@/lib/storage/types";
import { readWardSnapshot } from "@/lib/ward-list/ward-census";
import { buildPack } from "./pack-builder";
import { packTooLarge, readPackContents } from "./pack-content";
import { packFilename, packInput, patientsWithDocuments } from "./pack-input";

/**
 * A ward's documents are at most 20 MB each (MAX_DOCUMENT_BYTES); a pack builds in memory at a
 * few times its size, so past this it is refused rather than risk the server.
 */
export const packByteLimit = 200 * 1024 * 1024;

export interface WardPack {
  filename: string;
  pdf: Uint8Array<ArrayBuffer>;
}

export async function wardDocumentsPack(
  ctx: { db: Database; storage: DocumentStore },
  principal: Principal,
  wardId: string,
  now: Date,
  limitBytes = packByteLimit,
): Promise<WardPack> {
  const { db, storage } = ctx;
  await assertCanReadWard(db, principal, wardId, now);
  const { ward, entries } = await readWardSnapshot(db, wardId);
  const printed = patientsWithDocuments(entries);
  const listed = printed.flatMap((entry) =>
    entry.documents.map((document) => ({ document, patientId: entry.patient.patientId })),
  );
  // The recorded sizes refuse an oversized pack before anything is read; the read budget holds too.
  if (listed.reduce((sum, { document }) => sum + document.bytes, 0) > limitBytes)
    throw packTooLarge(limitBytes);
  // Purged since the snapshot: absent here, so printed as "could not be included".
  const records = await findDocumentsByIds(
    db,
    listed.map(({ document }) => document.documentId),
  );
  const contents = await readPackContents(storage, records, limitBytes);
  const pack = await buildPack(packInput({ ward, entries, contents, printedBy: principal.displayName, now }));

  const actor = actorFields(principal);
  const events: AuditEventInput[] = [
    {
      ...actor,
      action: "ward.view",
      outcome: "success",
      occurredAt: now,
      wardId,
      detail: { via: "print-pack", patients: printed.length, documents: pack.included.size },
    },
    ...listed.map(
      ({ document, patientId }): AuditEventInput => ({
        ...actor,
        // One per document as documentForReading records an opening; "failure" when it was left out.
        action: "document.open",
        outcome: pack.included.has(document.documentId) ? "success" : "failure",
        occurredAt: now,
        patientId,
        wardId,
        documentId: document.documentId,
        detail: { kind: document.kind, via: "print-pack" },
      }),
    ),
  ];
  await recordAuditInSlices(db, events);
  return { filename: packFilename(ward.code, now), pdf: pack.pdf };
}
