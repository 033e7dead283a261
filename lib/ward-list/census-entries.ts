/**
 * Reads census entries (lib/sync/sync-types.ts `CensusEntry`): current stays joined to their
 * patient, ward and facility. Shared by the ward list, the patient record and the sync feed so
 * all three show the same facts. Each entry carries `changed_at`, the latest of the stay's
 * `updated_at`, the patient's `updated_at` (demographics and published extras arrive without a
 * stay change, e.g. A08/A31) and the newest `document.received_at` for the patient: the sync
 * cursor orders by it, so a new or replaced document re-sends the entry that lists it.
 */
import "server-only";
import { z } from "zod";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import type { Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import type { CensusEntry, SyncDocument, SyncHistoryEntry } from "@/lib/sync/sync-types";
import { documentsByPatient } from "./entry-documents";
import { type PatientColumns, patientFromRow } from "./patient-row";

export interface EntryRow extends PatientColumns {
  stay_id: string;
  ward_id: string | null;
  ward_code: string | null;
  ward_name: string | null;
  facility_code: string;
  facility_name: string;
  visit_number: string;
  status: CensusEntry["status"];
  room: string | null;
  bed: string | null;
  consultant: string | null;
  specialty: string | null;
  admitted_at: Date | null;
  last_event_at: Date;
  history: string;
  published: string;
  /** `changed_at` as UTC ISO 8601 with microseconds: JavaScript dates would lose precision. */
  changed_key: string;
}

/** A census entry whose stay may have no ward yet (only seen through break-glass or search). */
export type PlacedEntry = Omit<CensusEntry, "wardId" | "wardCode" | "wardName"> & {
  wardId: string | null;
  wardCode: string | null;
  wardName: string | null;
  facilityName: string;
};

export const changedKeySql = `to_char(e.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * SQL for entries of current stays matching `where` (over `s` stay, `p` patient, `w` ward);
 * `tail` filters, orders and limits over `e`, whose `changed_at` is a timestamptz.
 */
export function entriesSql(where: string, tail = ""): string {
  return `SELECT e.*, ${changedKeySql} AS changed_key FROM (
    SELECT s.id AS stay_id, s.ward_id, w.code AS ward_code, w.name AS ward_name, f.code AS facility_code,
           f.name AS facility_name, s.visit_number, s.status, s.room, s.bed, s.consultant, s.specialty,
           s.admitted_at, s.last_event_at, s.history, p.id AS patient_id, p.mrn, p.nhs_number, p.family_name,
           p.given_names, p.title, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex, p.published,
           GREATEST(s.updated_at, p.updated_at,
             (SELECT max(d.received_at) FROM document d WHERE d.patient_id = s.patient_id)) AS changed_at
      FROM stay s
      JOIN patient p ON p.id = s.patient_id
      JOIN facility f ON f.id = s.facility_id
      LEFT JOIN ward w ON w.id = s.ward_id
     WHERE s.status IN ${currentStayStatusesSql} AND (${where})
  ) e ${tail}`;
}

const historySchema = z.array(
  z.object({ kind: z.string(), at: z.string(), ward: z.string().optional(), bed: z.string().optional() }),
);
const publishedSchema = z.record(z.string(), z.unknown());

/** Stored JSON text is parsed defensively: a bad value shows as empty, never as a failed list. */
function parseJson<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

export function toPlacedEntry(row: EntryRow, documents: SyncDocument[]): PlacedEntry {
  return {
    stayId: row.stay_id,
    wardId: row.ward_id,
    wardCode: row.ward_code,
    wardName: row.ward_name,
    facilityCode: row.facility_code,
    facilityName: row.facility_name,
    visitNumber: row.visit_number,
    status: row.status,
    room: row.room,
    bed: row.bed,
    consultant: row.consultant,
    specialty: row.specialty,
    admittedAt: iso(row.admitted_at),
    lastEventAt: new Date(row.last_event_at).toISOString(),
    updatedAt: row.changed_key,
    patient: { ...patientFromRow(row), published: parseJson(row.published, publishedSchema, {}) },
    history: parseJson<SyncHistoryEntry[]>(row.history, historySchema, []),
    documents,
  };
}

/** Entries read on a ward always have one; the ward-less shape never leaves through the sync. */
export function toCensusEntry(entry: PlacedEntry): CensusEntry {
  const { facilityName: _, wardId, wardCode, wardName, ...rest } = entry;
  if (wardId === null || wardCode === null || wardName === null) {
    throw new AppError("internal", "A ward list entry has no ward");
  }
  return { ...rest, wardId, wardCode, wardName };
}

/** Runs an entries query and attaches each patient's documents (two round trips in all). */
export async function readEntries(db: Queryable, sql: string, params: unknown[]): Promise<PlacedEntry[]> {
  const { rows } = await db.query<EntryRow>(sql, params);
  const documents = await documentsByPatient(
    db,
    rows.map((row) => row.patient_id),
  );
  return rows.map((row) => toPlacedEntry(row, documents.get(row.patient_id) ?? []));
}
