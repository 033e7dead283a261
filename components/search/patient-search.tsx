"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { type SearchState, searchAction } from "@/app/(staff)/search/search-action";
/**
 * The search form and its results. The query is posted to a server action (never put in the
 * address), and the action's result is drawn here: records on the user's wards (or opened by
 * break-glass) with ward and bed, candidates outside scope with name, birth date and sex only and
 * the offer to break glass, and a count of any other matches outside scope.
 */
import { placeText } from "@/lib/ward-list/bed-place";
import { birthDateText, displayName, nhsNumberText } from "@/lib/ward-list/format";
import type { SearchResult } from "@/lib/ward-list/search-result";
import { BreakGlassForm } from "./break-glass-form";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function PatientSearch({ canBreakGlass }: { canBreakGlass: boolean }) {
  const [state, action, pending] = useActionState<SearchState, FormData>(searchAction, { query: "" });
  // Controlled, so the box keeps what was searched for after React resets the form.
  const [query, setQuery] = useState(state.query);
  return (
    <>
      <search>
        <form action={action} className="space-y-1">
          <label htmlFor="q" className="block font-medium">
            Name, NHS number or MRN
          </label>
          <div className="flex flex-wrap gap-2">
            <input
              id="q"
              name="q"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              autoComplete="off"
              aria-describedby="q-hint"
              className="min-w-0 flex-1 rounded border border-slate-400 px-3 py-2 text-lg"
            />
            <button
              type="submit"
              disabled={pending}
              className="rounded bg-slate-900 px-4 py-2 font-semibold text-white"
            >
              Search
            </button>
          </div>
          <p id="q-hint" className="text-sm text-slate-700">
            {canBreakGlass
              ? "For a patient on another ward, use their NHS number or MRN, or surname and birth date (Jones 02/03/1945)."
              : "Searches the wards you work on."}
          </p>
        </form>
      </search>
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.result ? <SearchResults result={state.result} /> : null}
    </>
  );
}

function SearchResults({ result }: { result: SearchResult }) {
  const { records, candidates, outsideCount } = result;
  return (
    <>
      <section aria-label="Results" className="space-y-2">
        <p>
          {plural(records.length, "result", "results")}
          {result.truncated ? " (showing the first 50: narrow your search)" : ""}
        </p>
        <ul className="space-y-2">
          {records.map((record) => (
            <li key={record.stayId} className="rounded border border-slate-300 bg-white p-3">
              <Link href={`/patients/${record.stayId}`} className="font-semibold underline">
                {displayName(record.patient)}
              </Link>{" "}
              · {record.wardName ?? "No ward"}, {placeText(record)} · born{" "}
              {birthDateText(record.patient.birthDate)} · NHS{" "}
              <span className="whitespace-nowrap">{nhsNumberText(record.patient.nhsNumber)}</span> · MRN{" "}
              {record.patient.mrn}
              {record.access === "break-glass" ? (
                <strong className="ml-2 text-red-900">(emergency access)</strong>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {candidates.length > 0 ? (
        <section aria-labelledby="outside-heading" className="space-y-2">
          <h2 id="outside-heading" className="text-lg font-semibold">
            Outside your wards
          </h2>
          <ul className="space-y-2">
            {candidates.map((candidate) => {
              const name = displayName(candidate);
              return (
                <li key={candidate.patientId} className="rounded border border-red-300 bg-red-50 p-3">
                  <p>
                    <strong>{name}</strong> · born {birthDateText(candidate.birthDate)} ·{" "}
                    {candidate.sex ?? "sex not recorded"}
                  </p>
                  <BreakGlassForm patientId={candidate.patientId} patientName={name} />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {outsideCount > 0 ? (
        <p>
          {plural(outsideCount, "more patient", "more patients")} outside your wards{" "}
          {outsideCount === 1 ? "matches" : "match"}; add a birth date, or search by NHS number or MRN.
        </p>
      ) : null}
    </>
  );
}
