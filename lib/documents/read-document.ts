/** Reading a stored document's metadata and bytes (the caller has already been authorised). */
import "server-only";
import { Readable } from "node:stream";
import { placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import type { DocumentStore } from "@/lib/storage/types";
import { type ExpectedContent, readVerifiedContent } from "./verified-content";

export interface DocumentRecord {
  id: string;
  facilityId: string;
  patientId: string;
  stayId: string | null;
  externalId: string;
  kind: string;
  title: string;
  contentType: string;
  bytes: number;
  sha256: string;
  producedAt: Date;
}

const columns = `d.id, d.facility_id, d.patient_id, d.stay_id, d.external_id, d.kind, d.title, d.content_type, d.bytes,
  d.sha256, d.produced_at, d.storage_key`;

type Row = {
  id: string;
  facility_id: string;
  patient_id: string;
  stay_id: string | null;
  external_id: string;
  kind: string;
  title: string;
  content_type: string;
  bytes: string | number;
  sha256: string;
  produced_at: Date;
  storage_key: string;
};

function toRecord(row: Row): DocumentRecord & { storageKey: string } {
  return {
    id: row.id,
    facilityId: row.facility_id,
    patientId: row.patient_id,
    stayId: row.stay_id,
    externalId: row.external_id,
    kind: row.kind,
    title: row.title,
    contentType: row.content_type,
    bytes: Number(row.bytes),
    sha256: row.sha256,
    producedAt: new Date(row.produced_at),
    storageKey: row.storage_key,
  };
}

export async function findDocumentByExternalId(
  db: Queryable,
  facilityCode: string,
  mrn: string,
  externalId: string,
) {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM document d
       JOIN facility f ON f.id = d.facility_id
       JOIN patient p ON p.facility_id = f.id AND p.mrn = $2 AND COALESCE(p.merged_into, p.id) = d.patient_id
      WHERE f.code = $1 AND d.external_id = $3`,
    [facilityCode, mrn, externalId],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function findDocumentById(db: Queryable, id: string) {
  const { rows } = await db.query<Row>(`SELECT ${columns} FROM document d WHERE d.id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Several documents' records at once (the print pack); ids that are no longer held are absent. */
export async function findDocumentsByIds(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM document d WHERE d.id IN (${placeholders(ids.length)})`,
    [...ids],
  );
  return rows.map(toRecord);
}

/** The document's bytes, only once they match its recorded size and SHA-256 (verified-content.ts). */
export async function openDocumentContent(
  storage: DocumentStore,
  document: ExpectedContent,
): Promise<Readable> {
  return Readable.from([await readVerifiedContent(storage, document)]);
}

export async function listPatientDocuments(db: Queryable, patientId: string): Promise<DocumentRecord[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM document d WHERE d.patient_id = $1 ORDER BY d.produced_at DESC`,
    [patientId],
  );
  return rows.map(toRecord);
}
