import type { ReactNode } from "react";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { placeText } from "@/lib/ward-list/bed-place";
import { type KnownBed, withEmptyBeds } from "@/lib/ward-list/empty-beds";

/**
 * The ward list's rows in bay and bed order with the empty beds the feed has named in their
 * places (lib/ward-list/empty-beds.ts): `patient` draws a patient's row, `empty` an empty bed's.
 */
export function placedRows(
  entries: readonly CensusEntry[],
  knownBeds: readonly KnownBed[],
  patient: (entry: CensusEntry) => ReactNode,
  empty: (place: KnownBed) => ReactNode,
): ReactNode[] {
  return withEmptyBeds(entries, knownBeds).map((row) =>
    row.kind === "patient" ? patient(row.entry) : empty(row.place),
  );
}

/** A React key for an empty bed's row (a patient's is its stay id). */
export const emptyBedKey = (place: KnownBed) => `empty:${place.room ?? ""}:${place.bed}`;

/** An empty bed on a phone: its bay and bed, said plainly, in the list of patients. */
export function EmptyBedCard({ place }: { place: KnownBed }) {
  return (
    <li className="rounded-lg border border-dashed border-slate-400 bg-slate-100 p-3" data-empty-bed="">
      <span className="text-lg font-bold">{placeText(place)}</span>{" "}
      <span className="text-slate-800">Empty bed</span>
    </li>
  );
}

/** An empty bed in the ward table: its place, then "Empty bed" across the other columns. */
export function EmptyBedRow({ place, columns }: { place: KnownBed; columns: number }) {
  return (
    <tr className="border-b border-slate-200 bg-slate-100" data-empty-bed="">
      <td className="p-2 font-bold whitespace-nowrap">{placeText(place)}</td>
      <td className="p-2 text-slate-800" colSpan={columns - 1}>
        Empty bed
      </td>
    </tr>
  );
}
