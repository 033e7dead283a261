/**
 * Test-only helpers for the ward list and sync integration tests, on top of the access tests'
 * kit (facilities RXD01 Riverside: OAK, ELM; RXD02 Northgate: ASH). Patients are admitted and
 * moved through applyMessage, the path the feeds use. Nothing in the app imports this.
 */
import { send } from "@/lib/access/access.test-kit";
import type { AdtEventKind } from "@/lib/adt/events";
import type { Database, Queryable } from "@/lib/db/types";
import { adtEvent } from "@/test/adt-builders.test-kit";

export interface Admission {
  facility?: string;
  ward: string;
  bed?: string;
  mrn: string;
  family?: string;
  nhsNumber?: string;
  /** YYYY-MM-DD; the builder's default is 1945-03-02. */
  birthDate?: string;
  at?: string;
}

/** Admits (or moves, with `kind`) a patient; visit number V-<mrn>. Returns the stay and patient ids. */
export async function adt(
  db: Database,
  admission: Admission,
  kind: AdtEventKind = "admit",
): Promise<{ stayId: string; patientId: string }> {
  const facility = admission.facility ?? "RXD01";
  const event = adtEvent(kind, admission.at ?? "2026-11-20T08:00:00Z", {
    facility,
    mrn: admission.mrn,
    family: admission.family ?? "Jones",
    visit: { visitNumber: `V-${admission.mrn}`, location: { ward: admission.ward, bed: admission.bed } },
  });
  if (admission.nhsNumber) event.patient.nhsNumber = admission.nhsNumber;
  if (admission.birthDate) event.patient.demographics.birthDate = admission.birthDate;
  await send(db, [event]);
  return stayOf(db, facility, `V-${admission.mrn}`);
}

export async function stayOf(db: Queryable, facility: string, visitNumber: string) {
  const { rows } = await db.query<{ id: string; patient_id: string }>(
    `SELECT s.id, s.patient_id FROM stay s JOIN facility f ON f.id = s.facility_id
      WHERE f.code = $1 AND s.visit_number = $2`,
    [facility, visitNumber],
  );
  return { stayId: rows[0]!.id, patientId: rows[0]!.patient_id };
}

/** The audit rows of one user for one action, oldest first. */
export async function auditOf(db: Queryable, userId: string, action: string) {
  const { rows } = await db.query<{
    outcome: string;
    patient_id: string | null;
    ward_id: string | null;
    document_id: string | null;
    break_glass: boolean;
    detail: string;
  }>(
    `SELECT outcome, patient_id, ward_id, document_id, break_glass, detail FROM audit_event
      WHERE user_id = $1 AND action = $2 ORDER BY recorded_at, id`,
    [userId, action],
  );
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}

/** A user's list events (ward.view, patient.sync) with the patients each lists (audit_event_patient). */
export async function listEventsOf(db: Queryable, userId: string, action: string) {
  const { rows } = await db.query<{ id: string; ward_id: string | null; detail: string }>(
    "SELECT id, ward_id, detail FROM audit_event WHERE user_id = $1 AND action = $2 ORDER BY recorded_at, id",
    [userId, action],
  );
  const events = [];
  for (const row of rows) {
    const listed = await db.query<{ patient_id: string; action: string }>(
      "SELECT patient_id, action FROM audit_event_patient WHERE audit_event_id = $1 ORDER BY patient_id",
      [row.id],
    );
    events.push({
      id: row.id,
      wardId: row.ward_id,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
      patientIds: listed.rows.map((entry) => entry.patient_id),
      listedAs: [...new Set(listed.rows.map((entry) => entry.action))],
    });
  }
  return events;
}
