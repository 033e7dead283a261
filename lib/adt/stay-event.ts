/** One recorded event of a stay, as the fold reads it, and the order the fold reads events in. */
import type { AdtEventKind, VisitSnapshot } from "./events";

export interface StayEventRecord {
  kind: AdtEventKind;
  eventAt: Date;
  /** Order of arrival (monotonic per database), the tie-break for equal event times. */
  arrival: number;
  visit: VisitSnapshot;
}

/** Event time, then arrival: an older event never overwrites a newer one, whenever it arrives. */
export function compareEvents(a: StayEventRecord, b: StayEventRecord): number {
  return a.eventAt.getTime() - b.eventAt.getTime() || a.arrival - b.arrival;
}
