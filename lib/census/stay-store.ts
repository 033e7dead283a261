/**
 * Stays and their events (`stay`, `stay_event`). Each event is recorded and the stay's columns
 * are recomputed by folding all of its events (lib/adt/stay-fold.ts), so arrival order and
 * cancels are handled in one place. Round trips are the cost of ingest, so a stay and its events
 * are read in one query, and a new stay is inserted already folded.
 */
import "server-only";
import type { AdtEvent, AdtEventKind, VisitSnapshot } from "@/lib/adt/events";
import type { StayEventRecord, StayState } from "@/lib/adt/stay-fold";
import type { Queryable } from "@/lib/db/types";

let lastArrival = 0;
/** Microseconds since the epoch, strictly increasing within this process: the arrival tie-break. */
export function nextArrival(): number {
  lastArrival = Math.max(lastArrival + 1, Date.now() * 1000);
  return lastArrival;
}

export function toStayEventRecord(event: AdtEvent): StayEventRecord {
  return { kind: event.kind, eventAt: event.eventAt, arrival: nextArrival(), visit: event.visit! };
}

function reviveVisit(json: string): VisitSnapshot {
  const raw = JSON.parse(json) as VisitSnapshot & { admittedAt?: string; dischargedAt?: string };
  return {
    ...raw,
    ...(raw.admittedAt ? { admittedAt: new Date(raw.admittedAt) } : {}),
    ...(raw.dischargedAt ? { dischargedAt: new Date(raw.dischargedAt) } : {}),
  };
}

export interface LoadedStay {
  id: string;
  patientId: string;
  events: StayEventRecord[];
}

/** The stay with this visit number and all its events, in one round trip; null when new. */
export async function loadStay(
  tx: Queryable,
  facilityId: string,
  visitNumber: string,
): Promise<LoadedStay | null> {
  const { rows } = await tx.query<{
    id: string;
    patient_id: string;
    kind: AdtEventKind | null;
    event_at: Date | null;
    arrival: string | number | null;
    visit: string | null;
  }>(
    `SELECT s.id, s.patient_id, e.kind, e.event_at, e.arrival, e.visit
       FROM stay s LEFT JOIN stay_event e ON e.stay_id = s.id
      WHERE s.facility_id = $1 AND s.visit_number = $2`,
    [facilityId, visitNumber],
  );
  if (!rows[0]) return null;
  const events = rows
    .filter((row) => row.kind !== null)
    .map((row) => ({
      kind: row.kind!,
      eventAt: new Date(row.event_at!),
      arrival: Number(row.arrival),
      visit: reviveVisit(row.visit!),
    }));
  return { id: rows[0].id, patientId: rows[0].patient_id, events };
}

/** Visit numbers of the stays of the patient with this MRN (or the patient it was merged into). */
export async function staysOfPatient(tx: Queryable, facilityId: string, mrn: string): Promise<string[]> {
  const { rows } = await tx.query<{ visit_number: string }>(
    `SELECT s.visit_number FROM patient p JOIN stay s ON s.patient_id = COALESCE(p.merged_into, p.id)
      WHERE p.facility_id = $1 AND p.mrn = $2 AND s.facility_id = $1`,
    [facilityId, mrn],
  );
  return rows.map((row) => row.visit_number);
}

export async function recordStayEvent(
  tx: Queryable,
  stayId: string,
  messageId: string,
  trigger: string,
  record: StayEventRecord,
) {
  await tx.query(
    `INSERT INTO stay_event (stay_id, message_id, kind, trigger_code, event_at, arrival, visit)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [stayId, messageId, record.kind, trigger, record.eventAt, record.arrival, JSON.stringify(record.visit)],
  );
}

/**
 * The movement history kept on the stay row: the latest steps only. Aurora DSQL caps a column
 * value at 1 MiB, and a long stay (a patient on leave every weekend for a year, a feed that sends
 * a bed swap every hour) keeps adding steps; every event itself stays a row in `stay_event`, so
 * nothing the fold needs is lost. The ward list and departures read the latest steps only.
 */
export const maxStoredHistorySteps = 100;
export const maxStoredHistoryBytes = 32 * 1024;

export function storedHistory(history: StayState["history"]): string {
  let kept = history.slice(-maxStoredHistorySteps);
  let json = JSON.stringify(kept);
  // Long ward or bed names can make even 100 steps large: drop the oldest until it fits.
  while (Buffer.byteLength(json, "utf8") > maxStoredHistoryBytes && kept.length > 0) {
    kept = kept.slice(Math.max(1, Math.ceil(kept.length / 10)));
    json = JSON.stringify(kept);
  }
  return json;
}

function stateColumns(state: StayState, wardId: string | null): unknown[] {
  return [
    state.status,
    state.patientClass ?? null,
    wardId,
    state.location.room ?? null,
    state.location.bed ?? null,
    state.consultant ?? null,
    state.specialty ?? null,
    state.admittedAt ?? null,
    state.dischargedAt ?? null,
    state.lastEventAt,
    storedHistory(state.history),
  ];
}

/**
 * Inserts a new stay already folded. Returns null when another transaction created the same
 * visit first; the caller then retries (its view of the stay is out of date).
 */
export async function insertStay(
  tx: Queryable,
  ids: { facilityId: string; patientId: string; visitNumber: string },
  state: StayState,
  wardId: string | null,
): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO stay (facility_id, patient_id, visit_number, status, patient_class, ward_id, room, bed, consultant,
       specialty, admitted_at, discharged_at, last_event_at, history)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (facility_id, visit_number) DO NOTHING
     RETURNING id`,
    [ids.facilityId, ids.patientId, ids.visitNumber, ...stateColumns(state, wardId)],
  );
  return rows[0]?.id ?? null;
}

export async function saveStayState(
  tx: Queryable,
  stayId: string,
  patientId: string,
  state: StayState,
  wardId: string | null,
) {
  await tx.query(
    `UPDATE stay SET status = $3, patient_class = $4, ward_id = $5, room = $6, bed = $7, consultant = $8,
       specialty = $9, admitted_at = $10, discharged_at = $11, last_event_at = $12, history = $13,
       patient_id = $2, updated_at = now()
     WHERE id = $1`,
    [stayId, patientId, ...stateColumns(state, wardId)],
  );
}
