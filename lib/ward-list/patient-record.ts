/**
 * One patient's record (a stay with its patient, history and documents) and the opening of one
 * of their documents. Access is decided per request on the server: ward scope, or an unexpired
 * break-glass grant, whose every use is flagged in the audit log for IG review. Refusals are
 * audited by the access checks themselves (lib/access/ward-scope.ts).
 */
import "server-only";
import { isUuid } from "@/lib/access/uuid";
import { assertCanReadDocument, assertCanReadPatient } from "@/lib/access/ward-scope";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import { actorFields } from "@/lib/audit/actor-fields";
import { recordAuditNow } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { findDocumentById } from "@/lib/documents/read-document";
import { AppError } from "@/lib/errors";
import { entriesSql, type PlacedEntry, readEntries } from "./census-entries";

export type PatientRecord = PlacedEntry & {
  /** How the reader was let in; the page shows a break-glass banner for "break-glass". */
  access: "scope" | "break-glass";
};

const noSuchStay = () => new AppError("not_found", "This patient is no longer on a ward list");

export async function patientRecord(
  db: Database,
  principal: Principal,
  stayId: string,
  now: Date,
  /** Where the record was shown, for the audit trail: on screen or printed. */
  via: "patient-record" | "print" = "patient-record",
): Promise<PatientRecord> {
  if (!isUuid(stayId)) throw noSuchStay();
  const { rows } = await db.query<{ patient_id: string }>("SELECT patient_id FROM stay WHERE id = $1", [
    stayId,
  ]);
  if (!rows[0]) throw noSuchStay();
  const patientId = rows[0].patient_id;
  // The patient decides, not the stay: a stay id from another ward is refused like any patient.
  const decision = await assertCanReadPatient(db, principal, patientId, now);
  const [entry] = await readEntries(db, entriesSql("s.id = $1"), [stayId]);
  // Discharged or cancelled since the link was made: nothing current to show.
  if (!entry) throw noSuchStay();
  const breakGlass = decision.via === "break-glass";
  await recordAuditNow(db, {
    ...actorFields(principal),
    action: "patient.view",
    outcome: "success",
    occurredAt: now,
    patientId: entry.patient.patientId,
    wardId: entry.wardId,
    breakGlass,
    detail: breakGlass ? { via, grantId: decision.grantId } : { via },
  });
  return { ...entry, access: decision.via };
}

export type ReadableDocument = NonNullable<Awaited<ReturnType<typeof findDocumentById>>>;

/**
 * The document's record (with its storage key, for the route to stream the bytes), after the
 * document's patient is checked: a document id guessed from another ward is refused (IDOR).
 */
export async function documentForReading(
  db: Database,
  principal: Principal,
  documentId: string,
  now: Date,
  /** `device-copy`: fetched for the device's offline copy, audited as `document.sync`. */
  purpose: "open" | "device-copy" = "open",
): Promise<ReadableDocument> {
  const decision = await assertCanReadDocument(db, principal, documentId, now);
  const document = await findDocumentById(db, documentId);
  // Purged between the check and the read.
  if (!document) throw new AppError("not_found", "This document is no longer held");
  const breakGlass = decision.via === "break-glass";
  // Only the user's own wards are kept on a device; break-glass reads are opened, one at a time.
  const refused = breakGlass && purpose === "device-copy";
  await recordAuditNow(db, {
    ...actorFields(principal),
    action: purpose === "device-copy" ? "document.sync" : "document.open",
    outcome: refused ? "refused" : "success",
    occurredAt: now,
    patientId: document.patientId,
    documentId: document.id,
    breakGlass,
    detail: refused
      ? { reason: "break-glass-not-copied" }
      : breakGlass
        ? { kind: document.kind, grantId: decision.grantId }
        : { kind: document.kind },
  });
  if (refused) throw new AppError("forbidden", "Documents seen through break-glass are not kept on devices");
  return document;
}

/**
 * The stay to open for a patient the user may read (after break-glass from a search, which names
 * the patient, never a stay): their latest current stay. Refused, and audited, like any read.
 */
export async function currentStayOf(
  db: Database,
  principal: Principal,
  patientId: string,
  now: Date,
): Promise<string> {
  await assertCanReadPatient(db, principal, patientId, now);
  const { rows } = await db.query<{ id: string }>(
    `SELECT s.id FROM stay s JOIN patient p ON p.id = s.patient_id
      WHERE (p.id = $1 OR p.id = (SELECT merged_into FROM patient WHERE id = $1))
        AND s.status IN ${currentStayStatusesSql}
      ORDER BY s.admitted_at DESC NULLS LAST, s.id LIMIT 1`,
    [patientId],
  );
  if (!rows[0]) throw noSuchStay();
  return rows[0].id;
}
