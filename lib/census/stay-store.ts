/**
 * Stays and their events (`stay`, `stay_event`). Each event is recorded, then the stay's columns
 * are recomputed by folding all of its events (lib/adt/stay-fold.ts), so order of arrival and
 * cancels are handled in one place. A stay has tens of events, so the re-fold is cheap.
 */
import "server-only";
import type { AdtEvent, AdtEventKind, VisitSnapshot } from "@/lib/adt/events";
import { foldStay, type StayEventRecord, type StayState } from "@/lib/adt/stay-fold";
import type { Queryable } from "@/lib/server/db/types";

let lastArrival = 0;
/** Microseconds since the epoch, strictly increasing within this process: the arrival tie-break. */
export function nextArrival(): number {
  lastArrival = Math.max(lastArrival + 1, Date.now() * 1000);
  return lastArrival;
}

export async function ensureStay(
  tx: Queryable,
  facilityId: string,
  patientId: string,
  event: AdtEvent,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO stay (facility_id, patient_id, visit_number, status, last_event_at)
     VALUES ($1, $2, $3, 'admitted', $4)
     ON CONFLICT (facility_id, visit_number) DO UPDATE SET patient_id = EXCLUDED.patient_id
     RETURNING id`,
    [facilityId, patientId, event.visit!.visitNumber, event.eventAt],
  );
  return rows[0]!.id;
}

export async function recordStayEvent(tx: Queryable, stayId: string, messageId: string, event: AdtEvent) {
  await tx.query(
    `INSERT INTO stay_event (stay_id, message_id, kind, trigger_code, event_at, arrival, visit)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [stayId, messageId, event.kind, event.trigger, event.eventAt, nextArrival(), JSON.stringify(event.visit)],
  );
}

function reviveVisit(json: string): VisitSnapshot {
  const raw = JSON.parse(json) as VisitSnapshot & { admittedAt?: string; dischargedAt?: string };
  return {
    ...raw,
    ...(raw.admittedAt ? { admittedAt: new Date(raw.admittedAt) } : {}),
    ...(raw.dischargedAt ? { dischargedAt: new Date(raw.dischargedAt) } : {}),
  };
}

export async function loadStayEvents(tx: Queryable, stayId: string): Promise<StayEventRecord[]> {
  const { rows } = await tx.query<{
    kind: AdtEventKind;
    event_at: Date;
    arrival: string | number;
    visit: string;
  }>("SELECT kind, event_at, arrival, visit FROM stay_event WHERE stay_id = $1", [stayId]);
  return rows.map((row) => ({
    kind: row.kind,
    eventAt: new Date(row.event_at),
    arrival: Number(row.arrival),
    visit: reviveVisit(row.visit),
  }));
}

export async function saveStayState(tx: Queryable, stayId: string, state: StayState, wardId: string | null) {
  await tx.query(
    `UPDATE stay SET status = $2, patient_class = $3, ward_id = $4, room = $5, bed = $6, consultant = $7,
       specialty = $8, admitted_at = $9, discharged_at = $10, last_event_at = $11, history = $12, updated_at = now()
     WHERE id = $1`,
    [
      stayId,
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
      JSON.stringify(state.history),
    ],
  );
}

export async function refoldStay(tx: Queryable, stayId: string): Promise<StayState> {
  return foldStay(await loadStayEvents(tx, stayId))!;
}
