/**
 * Empty beds on a ward list: the beds the feed has named on the ward (lib/census/ward-bed-store.ts)
 * that no current stay on the list holds, each in its place in bay and bed order, so staff admitting
 * on paper during downtime see the free beds where they are. A bed is held by any stay the list
 * shows there (admitted, on leave, pre-admitted to it): a discharge or transfer frees it by
 * leaving the list. Pure.
 */
import { byBed, comparePlaces } from "./bed-order";
import { type BedPlace, placeKey } from "./bed-place";

/** A bed the feed has named on this ward. */
export interface KnownBed {
  room: string | null;
  bed: string;
}

export type WardRow<T> = { kind: "patient"; entry: T } | { kind: "empty"; place: KnownBed };

type Entry = BedPlace & { stayId: string; patient: { familyName: string } };

/** The known beds no entry occupies, in bay and bed order. */
export function emptyBeds(entries: readonly BedPlace[], known: readonly KnownBed[]): KnownBed[] {
  const held = new Set(entries.map(placeKey));
  const seen = new Set<string>();
  const free: KnownBed[] = [];
  for (const bed of known) {
    const key = placeKey(bed);
    if (held.has(key) || seen.has(key)) continue;
    seen.add(key);
    free.push(bed);
  }
  return free.sort(comparePlaces);
}

/** Patients and empty beds in one list, bay by bay and bed by bed. */
export function withEmptyBeds<T extends Entry>(
  entries: readonly T[],
  known: readonly KnownBed[],
): WardRow<T>[] {
  const rows: WardRow<T>[] = [
    ...entries.map((entry): WardRow<T> => ({ kind: "patient", entry })),
    ...emptyBeds(entries, known).map((place): WardRow<T> => ({ kind: "empty", place })),
  ];
  return rows.sort((a, b) => {
    const left = a.kind === "patient" ? a.entry : a.place;
    const right = b.kind === "patient" ? b.entry : b.place;
    const byPlace = comparePlaces(left, right);
    if (byPlace !== 0) return byPlace;
    // Same place (a second patient in one bed): patients in their own order.
    if (a.kind === "patient" && b.kind === "patient") return byBed(a.entry, b.entry);
    return a.kind === "patient" ? -1 : 1;
  });
}
