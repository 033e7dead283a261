import type { Metadata } from "next";
import Link from "next/link";
import { BreakGlassForm } from "@/components/ward-list/break-glass-form";
import { declareRoute } from "@/lib/access/authorize";
import { hasPermission } from "@/lib/access/roles";
import { isAppError } from "@/lib/errors";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import { birthDateText, displayName, nhsNumberText } from "@/lib/ward-list/format";
import { searchPatients } from "@/lib/ward-list/search";

export const metadata: Metadata = { title: "Search" };

const route = declareRoute("patients:read");

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const principal = await pagePrincipal(route);
  const query = ((await searchParams).q ?? "").trim();
  const { db } = await getAppContext();
  let result: Awaited<ReturnType<typeof searchPatients>> | null = null;
  let error: string | null = null;
  if (query) {
    try {
      result = await searchPatients(db, principal, query, new Date());
    } catch (thrown) {
      if (!isAppError(thrown)) throw thrown;
      error = thrown.message;
    }
  }
  const canBreakGlass = hasPermission(principal.roles, "patients:break-glass");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Search your wards</h1>
      <search>
        <form className="flex flex-wrap gap-2">
          <label htmlFor="q" className="sr-only">
            Name, NHS number or MRN
          </label>
          <input
            id="q"
            name="q"
            defaultValue={query}
            placeholder="Name, NHS number or MRN"
            className="min-w-0 flex-1 rounded border border-slate-400 px-3 py-2 text-lg"
          />
          <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
            Search
          </button>
        </form>
      </search>
      {error ? <p role="alert">{error}</p> : null}
      {result ? (
        <section aria-label="Results" className="space-y-2">
          <p>
            {result.hits.length} result{result.hits.length === 1 ? "" : "s"}
            {result.truncated ? " (showing the first 50: narrow your search)" : ""}
          </p>
          <ul className="space-y-2">
            {result.hits.map((hit) =>
              hit.outsideScope ? (
                <li key={hit.stayId}>
                  {canBreakGlass ? (
                    <BreakGlassForm patientId={hit.patientId} stayId={hit.stayId} wardName={hit.wardName} />
                  ) : (
                    <p>A match on another ward (outside your access).</p>
                  )}
                </li>
              ) : (
                <li key={hit.stayId} className="rounded border border-slate-300 bg-white p-3">
                  <Link href={`/patients/${hit.stayId}`} className="font-semibold underline">
                    {displayName(hit.patient)}
                  </Link>{" "}
                  · {hit.wardName} bed {hit.bed ?? "—"} · born {birthDateText(hit.patient.birthDate)} · NHS{" "}
                  {nhsNumberText(hit.patient.nhsNumber)} · MRN {hit.patient.mrn}
                </li>
              ),
            )}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
