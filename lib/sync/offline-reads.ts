/**
 * Offline reads a device reports back (POST /api/audit/offline): each is checked against the
 * ledger of what the sync feed sent (sync-ledger.ts, rules in offline-read-rules.ts). Believed
 * reads are recorded as the read they were (`patient.view`, `ward.view`, or `document.open` with
 * the document, as a read of the patient the server holds the document for) at their original
 * time, flagged `offline` and marked `via: "device-report"`, since the server knows them only from
 * the device. The rest are refused: one `audit.offline.refused` row per upload with the counts by
 * reason, and the answer names each refused event id and why, nothing about any patient.
 *
 * Idempotent: every event's audit id is derived from the user and the device's event id, and the
 * refusal's from the refused event ids, so an upload sent again records nothing new.
 */
import "server-only";
import { hasPermission } from "@/lib/access/roles";
import { isUuid } from "@/lib/access/uuid";
import { actorFields } from "@/lib/audit/actor-fields";
import { derivedAuditEventId } from "@/lib/audit/audit-event-id";
import { type AuditEventInput, recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { findDocumentsByIds } from "@/lib/documents/read-document";
import { AppError } from "@/lib/errors";
import { judgeRead, type RefusalReason } from "./offline-read-rules";
import { ledgerRowsFor } from "./sync-ledger";

export interface OfflineReadUpload {
  eventId: string;
  action: string;
  /** ISO 8601, as the device recorded it. */
  at: string;
  /** The session whose copy was read; older queued events carry none (the current one). */
  sessionId?: string;
  stayId: string | null;
  patientId: string | null;
  wardId: string | null;
  /** `document.open`: the document opened from the device's copy. */
  documentId?: string | null;
}

export interface OfflineReadAnswer {
  recorded: number;
  /** Events this server had recorded already (the upload was sent before). */
  alreadyRecorded: number;
  refused: { eventId: string; reason: RefusalReason | "no-clinical-role" }[];
}

function refusalEvent(
  principal: Principal,
  refused: readonly { eventId: string; reason: string; patientId: string | null }[],
  now: Date,
): AuditEventInput {
  const counts: Record<string, number> = {};
  for (const entry of refused) counts[entry.reason] = (counts[entry.reason] ?? 0) + 1;
  const patientIds = [...new Set(refused.flatMap((entry) => (entry.patientId ? [entry.patientId] : [])))];
  return {
    id: derivedAuditEventId(
      "offline-refused",
      principal.userId,
      ...refused.map((entry) => entry.eventId).sort(),
    ),
    ...actorFields(principal),
    action: "audit.offline.refused",
    outcome: "refused",
    occurredAt: now,
    // The patient ids the device named: what IG needs to judge an attempt, in the audit only.
    detail: { refused: refused.length, ...counts, patientIds },
  };
}

async function patientsOfDocuments(
  db: Database,
  events: readonly OfflineReadUpload[],
): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      events.flatMap((event) =>
        event.action === "document.open" && isUuid(event.documentId) ? [event.documentId] : [],
      ),
    ),
  ];
  const documents = await findDocumentsByIds(db, ids);
  return new Map(documents.map((document) => [document.id, document.patientId]));
}

export async function recordOfflineReads(
  db: Database,
  principal: Principal,
  uploaded: readonly OfflineReadUpload[],
  now: Date,
): Promise<OfflineReadAnswer> {
  // One device event id, one read: a batch that repeats an event counts it once.
  const events = [...new Map(uploaded.map((event) => [event.eventId, event])).values()];
  if (!hasPermission(principal.roles, "patients:read")) {
    // No patient-reading role, no device copy (sync sends such a user nothing) to report on.
    const refused = events.map((event) => ({
      eventId: event.eventId,
      reason: "no-clinical-role",
      patientId: isUuid(event.patientId) ? event.patientId : null,
    }));
    if (refused.length > 0) {
      await writeTransaction(db, (tx) =>
        recordAudit(tx, refusalEvent(principal, refused, now), { skipDuplicates: true }),
      );
    }
    throw new AppError("forbidden", "Your role reads no patients, so there is no offline copy to report on");
  }

  // A document open is a read of the document's patient as this server records it, whatever
  // patient the device named: an unknown document leaves it without one (refused: incomplete).
  const documentPatients = await patientsOfDocuments(db, events);
  const reads = events.map((event) => ({
    ...event,
    at: new Date(event.at),
    sessionId: event.sessionId ?? principal.sessionId,
    ...(event.action === "document.open"
      ? { patientId: documentPatients.get(event.documentId ?? "") ?? null }
      : {}),
  }));
  const ids = (pick: (read: (typeof reads)[number]) => string | null) => [
    ...new Set(reads.map(pick).filter((id): id is string => isUuid(id))),
  ];
  const ledger = await ledgerRowsFor(db, principal, {
    sessionIds: ids((read) => read.sessionId),
    patientIds: ids((read) => (read.action === "ward.view" ? null : read.patientId)),
    wardIds: ids((read) => (read.action === "ward.view" ? read.wardId : null)),
  });

  const actor = actorFields(principal);
  const accepted: AuditEventInput[] = [];
  const refused: { eventId: string; reason: RefusalReason; patientId: string | null }[] = [];
  for (const read of reads) {
    const judgement = judgeRead(read, ledger, now);
    if (!judgement.accepted) {
      refused.push({
        eventId: read.eventId,
        reason: judgement.reason,
        patientId: isUuid(read.patientId) ? read.patientId : null,
      });
      continue;
    }
    accepted.push({
      ...actor,
      id: derivedAuditEventId("offline-read", principal.userId, read.eventId),
      // The read happened in the copy's session; the upload's session is kept in the detail.
      sessionId: read.sessionId,
      action: judgement.action,
      outcome: "success",
      occurredAt: read.at,
      offline: true,
      patientId: judgement.action === "ward.view" ? null : read.patientId,
      wardId: isUuid(read.wardId) ? read.wardId : null,
      documentId: judgement.action === "document.open" ? read.documentId : null,
      detail: {
        via: "device-report",
        eventId: read.eventId,
        stayId: isUuid(read.stayId) ? read.stayId : null,
        ...(read.sessionId === principal.sessionId ? {} : { uploadSessionId: principal.sessionId }),
      },
    });
  }

  const recorded = await writeTransaction(db, async (tx) => {
    const inserted = await recordAudit(tx, accepted, { skipDuplicates: true });
    if (refused.length > 0) {
      await recordAudit(tx, refusalEvent(principal, refused, now), { skipDuplicates: true });
    }
    return inserted;
  });
  return {
    recorded,
    alreadyRecorded: accepted.length - recorded,
    refused: refused.map(({ eventId, reason }) => ({ eventId, reason })),
  };
}
