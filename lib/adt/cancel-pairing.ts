/**
 * Which event each cancel undoes (HL7 v2.5 ch. 3.3: A11 cancels an A01/A04, A12 an A02, A13 an
 * A03), paired by meaning rather than by arrival. Epic-style feeds give a cancel the same event
 * time (EVN-2/EVN-6) as the event it undoes, and engines deliver out of order, so a cancel may
 * arrive before its target: it then waits, undoing nothing, until the target arrives (the stay
 * is re-folded from all its events on every message, so "pending" needs no bookkeeping).
 *
 * A cancel undoes an event of the kind it cancels whose event time is not after its own:
 *   - where the cancel names the location it undoes, an event at that location (A11/A13: PV1-3,
 *     where the patient was admitted or discharged from; A12: PV1-6, the location of the
 *     erroneous transfer, since its PV1-3 is where the patient goes back to);
 *   - of those, the latest by event time (the same time first, as Epic sends);
 *   - among equal event times, the latest that arrived before the cancel, else the first after.
 * Cancels are paired oldest first, and each event is undone at most once.
 */
import type { AdtEventKind, Location } from "./events";
import { compareEvents, type StayEventRecord } from "./stay-event";

const targetsOf: Partial<Record<AdtEventKind, ReadonlySet<AdtEventKind>>> = {
  "cancel-admit": new Set<AdtEventKind>(["admit", "register"]),
  "cancel-transfer": new Set<AdtEventKind>(["transfer"]),
  "cancel-discharge": new Set<AdtEventKind>(["discharge"]),
};

export function isCancel(kind: AdtEventKind): boolean {
  return targetsOf[kind] !== undefined;
}

/** The location of the event a cancel undoes, where the cancel says it. */
function undoneLocation(cancel: StayEventRecord): Location | undefined {
  return cancel.kind === "cancel-transfer" ? cancel.visit.priorLocation : cancel.visit.location;
}

/** Same place as far as both say: the ward must be named and agree; room and bed agree where both give them. */
function samePlace(named: Location, candidate: Location | undefined): boolean {
  if (!named.ward || !candidate?.ward || named.ward !== candidate.ward) return false;
  const agrees = (a?: string, b?: string) => a === undefined || b === undefined || a === b;
  return agrees(named.room, candidate.room) && agrees(named.bed, candidate.bed);
}

function targetFor(
  cancel: StayEventRecord,
  events: readonly StayEventRecord[],
  undone: ReadonlySet<StayEventRecord>,
): StayEventRecord | undefined {
  const kinds = targetsOf[cancel.kind]!;
  const candidates = events.filter(
    (event) =>
      kinds.has(event.kind) && !undone.has(event) && event.eventAt.getTime() <= cancel.eventAt.getTime(),
  );
  const named = undoneLocation(cancel);
  const atNamedPlace = named ? candidates.filter((event) => samePlace(named, event.visit.location)) : [];
  const pool = atNamedPlace.length > 0 ? atNamedPlace : candidates;
  const latest = Math.max(...pool.map((event) => event.eventAt.getTime()));
  const tied = pool.filter((event) => event.eventAt.getTime() === latest).sort(compareEvents);
  const before = tied.filter((event) => event.arrival < cancel.arrival);
  return before.at(-1) ?? tied[0];
}

/** The events left once every cancel and every event a cancel undoes are removed, in event-time order. */
export function withoutCancelled(events: readonly StayEventRecord[]): StayEventRecord[] {
  const ordered = [...events].sort(compareEvents);
  const undone = new Set<StayEventRecord>();
  for (const cancel of ordered.filter((event) => isCancel(event.kind))) {
    const target = targetFor(cancel, ordered, undone);
    if (target) undone.add(target);
  }
  return ordered.filter((event) => !isCancel(event.kind) && !undone.has(event));
}
