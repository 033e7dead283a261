/**
 * Shape checks (./shape.ts: type guards, no validator library in the browser) for what the ward
 * cache decrypts and the screens read from the server. Data read back from IndexedDB is untrusted
 * (it is untrusted: docs/design.md section 7): another script on the origin, a browser extension or an older app
 * version may have written it, so every decrypted record is parsed before the UI sees it.
 * The shapes mirror the sync contract in lib/sync/sync-types.ts.
 */

import { currentStayStatuses } from "@/lib/adt/stay-status";
import type { CensusEntry, SyncDocument, SyncHistoryEntry, SyncPatient } from "@/lib/sync/sync-types";
import type { FeedAge } from "@/lib/ward-list/feed-age";
import * as z from "./shape";

/** A facility's feed age, as the server sends it and the device copy keeps it (no patient data). */
export const feedSchema: z.Shape<FeedAge> = z.object({
  facilityCode: z.string(),
  lastMessageAt: z.nullable(z.string()),
  silenceMinutes: z.number,
});

const patientSchema: z.Shape<SyncPatient> = z.object({
  patientId: z.string(1),
  mrn: z.string(),
  nhsNumber: z.nullable(z.string()),
  familyName: z.string(),
  givenNames: z.nullable(z.string()),
  title: z.nullable(z.string()),
  birthDate: z.nullable(z.string()),
  sex: z.nullable(z.string()),
  published: z.record,
});

const documentSchema: z.Shape<SyncDocument> = z.object({
  documentId: z.string(),
  kind: z.string(),
  title: z.string(),
  contentType: z.string(),
  producedAt: z.string(),
  bytes: z.number,
});

const historySchema: z.Shape<SyncHistoryEntry> = z.object({
  kind: z.string(),
  at: z.string(),
  ward: z.optional(z.string()),
  bed: z.optional(z.string()),
});

const censusEntryObject = z.object({
  stayId: z.string(1),
  wardId: z.string(1),
  wardCode: z.string(),
  wardName: z.string(),
  facilityCode: z.string(),
  visitNumber: z.string(),
  status: z.oneOf(currentStayStatuses),
  room: z.nullable(z.string()),
  bed: z.nullable(z.string()),
  consultant: z.nullable(z.string()),
  specialty: z.nullable(z.string()),
  admittedAt: z.nullable(z.string()),
  lastEventAt: z.string(),
  updatedAt: z.string(),
  patient: patientSchema,
  history: z.array(historySchema),
  documents: z.array(documentSchema),
});

export const censusEntrySchema: z.Shape<CensusEntry> = censusEntryObject;

/** A patient record as the server sends it: possibly not on a ward yet (seen through break-glass). */
export const patientRecordSchema = z.extend(censusEntryObject, {
  wardId: z.nullable(z.string()),
  wardCode: z.nullable(z.string()),
  wardName: z.nullable(z.string()),
  facilityName: z.string(),
  access: z.oneOf(["scope", "break-glass"]),
});
export type PatientRecordView = z.Infer<typeof patientRecordSchema>;

/**
 * Reads that happened offline, waiting to be uploaded to the audit log. The actions are the
 * server's audit actions (lib/audit/record-audit.ts) a device makes from its copy: what
 * device-views.ts queues, and what the server believes (lib/sync/offline-read-rules.ts).
 */
export const offlineReadActions = ["ward.view", "patient.view", "document.open"] as const;

export const offlineReadSchema = z.object({
  /** Random id so the server can ignore an event uploaded twice. */
  eventId: z.string(1),
  action: z.oneOf(offlineReadActions),
  /** ISO 8601 time of the read on this device. */
  at: z.string(1),
  /**
   * The session whose copy was read: the server believes the read only if the sync feed sent that
   * session the patient. Events queued before this field existed carry none.
   */
  sessionId: z.optional(z.string()),
  stayId: z.nullable(z.string()),
  patientId: z.nullable(z.string()),
  wardId: z.nullable(z.string()),
  /** `document.open`: the document opened from the device's document copy (document-copy.ts). */
  documentId: z.optional(z.nullable(z.string())),
});

export type OfflineRead = z.Infer<typeof offlineReadSchema>;
