"use client";
import Link from "next/link";
import { useSyncExternalStore } from "react";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { placeText } from "@/lib/ward-list/bed-place";
import type { KnownBed } from "@/lib/ward-list/empty-beds";
import {
  ageInYears,
  birthDateText,
  dateText,
  displayName,
  lengthOfStayDays,
  nhsNumberText,
} from "@/lib/ward-list/format";
import { EmptyBedCard, EmptyBedRow, emptyBedKey, placedRows } from "./empty-bed-rows";
import { PatientFlags } from "./patient-flags";

function ChangeMark({ text }: { text: string | undefined }) {
  return text ? (
    <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">
      {text}
    </span>
  ) : null;
}

type Rows = {
  entries: CensusEntry[];
  now: Date;
  marks?: ReadonlyMap<string, string>;
  /** Beds the feed has named on the ward; those no entry holds show as "Empty bed" rows. */
  knownBeds?: readonly KnownBed[];
};

/** Tailwind's `md` breakpoint: cards below it, a table from it. */
const wide = "(min-width: 48rem)";
const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(wide);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};

/**
 * The ward list: one row per occupied bed, sorted by bay then bed, each saying bay and bed
 * (lib/ward-list/bed-place.ts), with the empty beds the feed has named in their places. Phones get stacked cards (no sideways
 * scrolling at 360 px); wider screens a table. Two identifiers on every row. Only the layout the
 * screen uses is rendered: a phone on a slow CPU does not build a hidden table too.
 * `marks`: a short note per stay that a live update changed ("New", "Moved from B2").
 */
export function WardTable({ entries, now, marks, knownBeds = [] }: Rows) {
  const isWide = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(wide).matches,
    () => false,
  );
  const none = entries.length === 0 ? <p>No patients on this ward.</p> : null;
  if (none && knownBeds.length === 0) return none;
  return (
    <>
      {none}
      {isWide ? (
        <WardRows entries={entries} now={now} marks={marks} knownBeds={knownBeds} />
      ) : (
        <WardCards entries={entries} now={now} marks={marks} knownBeds={knownBeds} />
      )}
    </>
  );
}

function WardCards({ entries, now, marks, knownBeds = [] }: Rows) {
  return (
    <ul className="space-y-1.5" aria-label="Patients">
      {placedRows(
        entries,
        knownBeds,
        (entry) => {
          const age = ageInYears(entry.patient.birthDate, now);
          return (
            // Compact (bay, bed and name on one line, consultant after the age): five patients fit
            // the first screen of a 390 × 844 phone under the header (e2e/phone-ergonomics.phone.spec.ts).
            <li key={entry.stayId} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5">
              <Link href={`/patients/${entry.stayId}`} className="block min-h-11">
                <span className="block">
                  <span className="font-bold">{placeText(entry)}</span>{" "}
                  <span className="font-semibold underline">{displayName(entry.patient)}</span>
                  <ChangeMark text={marks?.get(entry.stayId)} />
                </span>
                <span className="block text-sm">
                  {age ?? "?"} y · {birthDateText(entry.patient.birthDate)} · {entry.patient.sex ?? "—"} ·{" "}
                  <span className="text-slate-700">{entry.consultant ?? "No consultant"}</span>
                </span>
                <span className="flex items-baseline justify-between gap-2 text-sm">
                  <span>
                    NHS <span className="whitespace-nowrap">{nhsNumberText(entry.patient.nhsNumber)}</span> ·
                    MRN {entry.patient.mrn}
                  </span>
                  <span className="shrink-0 text-slate-700">{entry.documents.length} docs</span>
                </span>
              </Link>
              <PatientFlags entry={entry} />
            </li>
          );
        },
        (place) => (
          <EmptyBedCard key={emptyBedKey(place)} place={place} />
        ),
      )}
    </ul>
  );
}

function WardRows({ entries, now, marks, knownBeds = [] }: Rows) {
  return (
    <table className="w-full border-collapse text-left">
      <caption className="sr-only">Patients on this ward, by bay and bed</caption>
      <thead>
        <tr className="border-b-2 border-slate-400 text-sm">
          <th scope="col" className="p-2">
            Bay / bed
          </th>
          <th scope="col" className="p-2">
            Name
          </th>
          <th scope="col" className="p-2">
            Age / born
          </th>
          <th scope="col" className="p-2">
            Sex
          </th>
          <th scope="col" className="p-2">
            NHS number / MRN
          </th>
          <th scope="col" className="p-2">
            Consultant
          </th>
          <th scope="col" className="p-2">
            Admitted (days)
          </th>
          <th scope="col" className="p-2">
            Flags
          </th>
          <th scope="col" className="p-2">
            Docs
          </th>
        </tr>
      </thead>
      <tbody>
        {placedRows(
          entries,
          knownBeds,
          (entry) => (
            <tr key={entry.stayId} className="border-b border-slate-200 align-top">
              <td className="p-2 font-bold whitespace-nowrap">
                {placeText(entry)}
                <ChangeMark text={marks?.get(entry.stayId)} />
              </td>
              <td className="p-2">
                <Link href={`/patients/${entry.stayId}`} className="font-semibold underline">
                  {displayName(entry.patient)}
                </Link>
              </td>
              <td className="p-2">
                {ageInYears(entry.patient.birthDate, now) ?? "?"} · {birthDateText(entry.patient.birthDate)}
              </td>
              <td className="p-2">{entry.patient.sex ?? "—"}</td>
              <td className="p-2">
                <span className="whitespace-nowrap">{nhsNumberText(entry.patient.nhsNumber)}</span>
                <br />
                <span className="text-sm">MRN {entry.patient.mrn}</span>
              </td>
              <td className="p-2">{entry.consultant ?? "—"}</td>
              <td className="p-2">
                {dateText(entry.admittedAt)} ({lengthOfStayDays(entry.admittedAt, now) ?? "—"})
              </td>
              <td className="p-2">
                <PatientFlags entry={entry} />
              </td>
              <td className="p-2">{entry.documents.length}</td>
            </tr>
          ),
          (place) => (
            <EmptyBedRow key={emptyBedKey(place)} place={place} columns={9} />
          ),
        )}
      </tbody>
    </table>
  );
}
