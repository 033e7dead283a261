/**
 * The scenario's plan before it becomes events: stays (a patient's visit, over one or more bed
 * segments) and the actions that happen to them at planned times (whole seconds from the window
 * start). Actions map one-to-one to ADT messages, except that a bed move is an A08 and errors
 * are two actions (the mistaken event, then its cancel).
 */
import { AppError } from "@/lib/errors";
import type { BedRef, BedSegment } from "./bed-plan";
import type { DemoWard } from "./hospital";

export interface PlannedStay {
  id: number;
  facilityCode: string;
  /** Empty for a pre-admission still waiting at the end of the window. */
  segments: BedSegment[];
  /** The ward of a waiting pre-admission (A05 PV1-3 has the ward but no bed yet). */
  pendingWard?: DemoWard;
  /** Admission (A01/A04) time, or the A05 time of a waiting pre-admission. */
  start: number;
  /** Discharge or cancel time; null while the patient is still in (or still expected). */
  end: number | null;
  visitNumber: string;
  /** Index into the scenario's people. */
  personKey: number;
  /** Registered under this duplicate person until the merge (A40). */
  duplicateKey?: number;
  /** When the duplicate registration is merged into the real person. */
  mergeAt?: number;
}

export type ActionType =
  | "pre-admit"
  | "admit"
  | "register"
  | "transfer"
  | "bed-move"
  | "consultant-change"
  | "leave-out"
  | "leave-return"
  | "discharge"
  | "cancel-discharge"
  | "transfer-in-error"
  | "cancel-transfer"
  | "cancel-admit"
  | "person-update"
  | "merge";

export interface PlannedAction {
  at: number;
  /** Planning order: the tie-break for equal times, so sorting is stable and deterministic. */
  seq: number;
  type: ActionType;
  stay: PlannedStay;
  /** The bed moved to, for transfer, bed-move and transfer-in-error. */
  bed?: BedRef;
}

export function firstWard(stay: PlannedStay): DemoWard {
  const ward = stay.segments[0]?.bed.ward ?? stay.pendingWard;
  if (!ward) throw new AppError("internal", "A planned stay has neither a bed segment nor a pending ward");
  return ward;
}
