import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ReadinessTable } from "@/components/admin/readiness/readiness-table";
import { ThresholdsForm } from "@/components/admin/readiness/thresholds-form";
import { declareRoute } from "@/lib/access/authorize";
import { pageOf, parseSort, type ReadinessSort, sortWards } from "@/lib/readiness/readiness-table";
import { readinessThresholds } from "@/lib/readiness/readiness-thresholds";
import { pcSeenWindowHours, signedInWindowDays, wardReadiness } from "@/lib/readiness/ward-readiness";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";

export const metadata: Metadata = { title: "Readiness" };

const route = declareRoute("admin:settings");

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Per ward, how ready the staff and the feed are for a downtime (lib/readiness/ward-readiness.ts),
 * rated against the thresholds set below; sorted and paged on the server; a printable A4 report.
 */
export default async function ReadinessPage({ searchParams }: { searchParams: Promise<Search> }) {
  await connection();
  await pagePrincipal(route);
  const { db, config } = await getAppContext();
  const search = await searchParams;
  const sort = parseSort(first(search.sort));
  const descending = first(search.dir) === "desc";
  const now = new Date();
  const thresholds = await readinessThresholds(db);
  const wards = await wardReadiness(db, thresholds, now);
  const filter = (first(search.q) ?? "").trim();
  const needle = filter.toLowerCase();
  const shown = filter
    ? wards.filter((ward) =>
        `${ward.facilityCode}/${ward.wardCode} ${ward.wardName} ${ward.facilityName}`
          .toLowerCase()
          .includes(needle),
      )
    : wards;
  const sorted = sortWards(shown, sort, descending);
  const { items, page, pages } = pageOf(sorted, Number(first(search.page) ?? 1));
  const link = (params: { sort?: ReadinessSort; desc?: boolean; page?: number }) => {
    const next = new URLSearchParams({ sort: params.sort ?? sort });
    if (filter) next.set("q", filter);
    if (params.desc ?? descending) next.set("dir", "desc");
    if (params.page && params.page > 1) next.set("page", String(params.page));
    return `/admin/readiness?${next}`;
  };
  const counts = { red: 0, amber: 0, green: 0 };
  for (const ward of wards) counts[ward.ratings.overall]++;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Readiness</h1>
        <Link href="/admin/readiness/print" className="font-semibold underline">
          Printable readiness report (A4)
        </Link>
      </div>
      <p>
        {wards.length} wards: <strong>{counts.red} red</strong>, {counts.amber} amber, {counts.green} green.
        Signed in means a session in the last {signedInWindowDays} days; a ward PC is seen when it signed
        someone in within {pcSeenWindowHours} hours.
      </p>
      <section aria-labelledby="wards-heading" className="space-y-2">
        <h2 id="wards-heading" className="text-xl font-semibold">
          Wards
        </h2>
        <search>
          <form method="get" action="/admin/readiness" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="sort" value={sort} />
            <label htmlFor="q" className="flex flex-col text-sm font-medium">
              Ward, site or code
              <input
                id="q"
                name="q"
                defaultValue={filter}
                className="rounded border border-slate-400 px-3 py-2 font-normal"
              />
            </label>
            <button
              type="submit"
              className="min-h-11 rounded bg-slate-900 px-4 py-2 font-semibold text-white"
            >
              Filter
            </button>
          </form>
        </search>
        {filter ? (
          <p>
            {shown.length} of {wards.length} wards match.
          </p>
        ) : null}
        <div className="overflow-x-auto">
          <ReadinessTable
            wards={items}
            timeZone={config.timeZone}
            now={now}
            sort={sort}
            descending={descending}
            sortLink={(key) => link({ sort: key, desc: key === sort ? !descending : false })}
          />
        </div>
        {pages > 1 ? (
          <nav aria-label="Pages" className="flex items-center gap-4">
            {page > 1 ? (
              <Link href={link({ page: page - 1 })} className="underline">
                Previous page
              </Link>
            ) : null}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages ? (
              <Link href={link({ page: page + 1 })} className="underline">
                Next page
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
      <section aria-labelledby="thresholds-heading" className="space-y-2">
        <h2 id="thresholds-heading" className="text-xl font-semibold">
          Thresholds
        </h2>
        <ThresholdsForm thresholds={thresholds} />
      </section>
    </div>
  );
}
