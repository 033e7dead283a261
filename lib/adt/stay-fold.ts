/**
 * A stay's current state, derived from every event recorded for it. Delivery is at-least-once
 * and out of order, so the stay is never patched in place: the set of its events is folded in
 * event-time order (then arrival order), after removing each cancel and the event it undoes
 * (cancel-pairing.ts). The same set of events therefore always gives the same stay, whatever
 * order they arrived in. A swap (A17) moves a patient like a transfer; a visit move (A45) changes
 * only whose stay it is, which the fold leaves to the caller (the stay's owner is the patient its
 * latest event names).
 */

import { withoutCancelled } from "./cancel-pairing";
import type { AdtEventKind, Location, VisitSnapshot } from "./events";
import { compareEvents, type StayEventRecord } from "./stay-event";
import type { StayStatus } from "./stay-status";

export type { StayEventRecord } from "./stay-event";

export interface StayHistoryEntry {
  kind: AdtEventKind;
  at: Date;
  ward?: string;
  bed?: string;
}

export interface StayState {
  status: StayStatus;
  patientClass?: string;
  location: Location;
  consultant?: string;
  specialty?: string;
  admittedAt?: Date;
  dischargedAt?: Date;
  /** The latest PID-18 sent for the stay (what an A44 names). */
  accountNumber?: string;
  lastEventAt: Date;
  history: StayHistoryEntry[];
}

function mergeLocation(current: Location, next: Location | undefined): Location {
  if (!next || (!next.ward && !next.room && !next.bed)) return current;
  // A new ward means a new room and bed: never keep the old ward's bed.
  if (next.ward && next.ward !== current.ward) return { ...next };
  return { ward: next.ward ?? current.ward, room: next.room ?? current.room, bed: next.bed ?? current.bed };
}

/** What an update (A08) with no earlier status implies about the stay. */
function inferStatus(visit: VisitSnapshot): StayStatus {
  if (visit.dischargedAt) return "discharged";
  if (visit.patientClass === "P") return "pre-admitted";
  if (visit.patientClass === "O") return "registered";
  return "admitted";
}

function nextStatus(
  kind: AdtEventKind,
  current: StayStatus | undefined,
  visit: VisitSnapshot,
): StayStatus | undefined {
  switch (kind) {
    case "pre-admit":
      return "pre-admitted";
    case "admit":
    case "outpatient-to-inpatient":
    case "leave-return":
      return "admitted";
    case "register":
      return visit.patientClass === "I" ? "admitted" : "registered";
    case "inpatient-to-outpatient":
      return "registered";
    case "discharge":
      return "discharged";
    case "leave-out":
      return "on-leave";
    case "transfer":
    case "swap":
      return current === undefined || current === "pre-admitted" ? "admitted" : current;
    case "update":
      return current ?? inferStatus(visit);
    default:
      return current;
  }
}

/** Folds a stay's events into its state; null when no event describes it any more. */
export function foldStay(events: readonly StayEventRecord[]): StayState | null {
  // A move (A45) says whose stay it is, not where the patient is: apply-message.ts reads it.
  const effective = withoutCancelled(events).filter((event) => event.kind !== "move-visit");
  const lastEventAt = [...events].sort(compareEvents).at(-1)?.eventAt;
  if (!lastEventAt) return null;
  if (effective.length === 0) return { status: "cancelled", location: {}, lastEventAt, history: [] };

  let status: StayStatus | undefined;
  const state: Omit<StayState, "status"> = { location: {}, lastEventAt, history: [] };
  for (const { kind, eventAt, visit } of effective) {
    status = nextStatus(kind, status, visit);
    state.location = mergeLocation(state.location, visit.location);
    state.patientClass = visit.patientClass ?? state.patientClass;
    state.consultant = visit.consultant ?? state.consultant;
    state.specialty = visit.specialty ?? state.specialty;
    state.accountNumber = visit.accountNumber ?? state.accountNumber;
    if (kind === "admit" || kind === "register" || visit.admittedAt) {
      state.admittedAt = visit.admittedAt ?? state.admittedAt ?? eventAt;
    }
    if (kind === "discharge") state.dischargedAt = visit.dischargedAt ?? eventAt;
    else if (status !== "discharged") state.dischargedAt = undefined;
    if (kind !== "update") {
      state.history.push({ kind, at: eventAt, ward: state.location.ward, bed: state.location.bed });
    }
  }
  return { ...state, status: status ?? "admitted" };
}
