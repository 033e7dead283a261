/**
 * Document metadata for census entries: every document held for the entry's patient (after a
 * merge, the survivor holds them all), newest first. Metadata only; bytes are opened one at a
 * time through documentForReading, which audits each opening.
 */
import "server-only";
import { placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";
import type { SyncDocument } from "@/lib/sync/sync-types";

export async function documentsByPatient(
  db: Queryable,
  patientIds: readonly string[],
): Promise<Map<string, SyncDocument[]>> {
  const byPatient = new Map<string, SyncDocument[]>();
  const unique = [...new Set(patientIds)];
  if (unique.length === 0) return byPatient;
  const { rows } = await db.query<{
    id: string;
    patient_id: string;
    kind: string;
    title: string;
    content_type: string;
    produced_at: Date;
    bytes: string | number;
  }>(
    `SELECT id, patient_id, kind, title, content_type, produced_at, bytes FROM document
      WHERE patient_id IN (${placeholders(unique.length)})
      ORDER BY produced_at DESC, id`,
    unique,
  );
  for (const row of rows) {
    const list = byPatient.get(row.patient_id) ?? [];
    list.push({
      documentId: row.id,
      kind: row.kind,
      title: row.title,
      contentType: row.content_type,
      producedAt: new Date(row.produced_at).toISOString(),
      bytes: Number(row.bytes),
    });
    byPatient.set(row.patient_id, list);
  }
  return byPatient;
}
