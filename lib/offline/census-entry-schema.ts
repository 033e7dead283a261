/**
 * Zod schemas for what the ward cache decrypts. Data read back from IndexedDB is untrusted
 * (CONVENTIONS habit 6): another script on the origin, a browser extension or an older app
 * version may have written it, so every decrypted record is parsed before the UI sees it.
 * The shapes mirror the sync contract in lib/sync/sync-types.ts.
 */
import { z } from "zod";
import type { CensusEntry, SyncDocument, SyncHistoryEntry, SyncPatient } from "@/lib/sync/sync-types";

const patientSchema: z.ZodType<SyncPatient> = z.object({
  patientId: z.string().min(1),
  mrn: z.string(),
  nhsNumber: z.string().nullable(),
  familyName: z.string(),
  givenNames: z.string().nullable(),
  title: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  published: z.record(z.string(), z.unknown()),
});

const documentSchema: z.ZodType<SyncDocument> = z.object({
  documentId: z.string(),
  kind: z.string(),
  title: z.string(),
  contentType: z.string(),
  producedAt: z.string(),
  bytes: z.number(),
});

const historySchema: z.ZodType<SyncHistoryEntry> = z.object({
  kind: z.string(),
  at: z.string(),
  ward: z.string().optional(),
  bed: z.string().optional(),
});

const censusEntryObject = z.object({
  stayId: z.string().min(1),
  wardId: z.string().min(1),
  wardCode: z.string(),
  wardName: z.string(),
  facilityCode: z.string(),
  visitNumber: z.string(),
  status: z.enum(["pre-admitted", "admitted", "registered", "on-leave"]),
  room: z.string().nullable(),
  bed: z.string().nullable(),
  consultant: z.string().nullable(),
  specialty: z.string().nullable(),
  admittedAt: z.string().nullable(),
  lastEventAt: z.string(),
  updatedAt: z.string(),
  patient: patientSchema,
  history: z.array(historySchema),
  documents: z.array(documentSchema),
});

export const censusEntrySchema: z.ZodType<CensusEntry> = censusEntryObject;

/** A patient record as the server sends it: possibly not on a ward yet (seen through break-glass). */
export const patientRecordSchema = censusEntryObject.extend({
  wardId: z.string().nullable(),
  wardCode: z.string().nullable(),
  wardName: z.string().nullable(),
  facilityName: z.string(),
  access: z.enum(["scope", "break-glass"]),
});
export type PatientRecordView = z.infer<typeof patientRecordSchema>;

/**
 * Reads that happened offline, waiting to be uploaded to the audit log. The actions are the
 * server's audit actions (lib/audit/record-audit.ts) that can happen without a network.
 */
export const offlineReadActions = ["ward.view", "patient.view", "patient.search"] as const;

export const offlineReadSchema = z.object({
  /** Random id so the server can ignore an event uploaded twice. */
  eventId: z.string().min(1),
  action: z.enum(offlineReadActions),
  /** ISO 8601 time of the read on this device. */
  at: z.string().min(1),
  stayId: z.string().nullable(),
  patientId: z.string().nullable(),
  wardId: z.string().nullable(),
});

export type OfflineRead = z.infer<typeof offlineReadSchema>;
