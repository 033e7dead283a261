import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { EnrolmentPrinter, printFormId } from "@/components/admin/enrolment/enrolment-printer";
import {
  formatDateTime,
  hrefWith,
  Pager,
  pageNumber,
  param,
  SortHeader,
} from "@/components/admin/forms/paging";
import { declareRoute } from "@/lib/access/authorize";
import { listFacilitiesWithWards } from "@/lib/census/facilities";
import {
  type CardSort,
  type CardState,
  cardSorts,
  cardStates,
  listCardStates,
} from "@/lib/enrolment/card-states";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import { printCardsAction } from "./actions";

const route = declareRoute("admin:enrolment");

export const metadata: Metadata = { title: "QR enrolment sheets" };

const path = "/admin/enrolment";
const pageSize = 25;

const stateLabels: Record<CardState, string> = {
  activated: "Activated",
  waiting: "Printed, not used yet",
  expired: "Expired unused",
  none: "No card",
};

const stateStyles: Record<CardState, string> = {
  activated: "bg-green-100 text-green-900",
  waiting: "bg-amber-100 text-amber-900",
  expired: "bg-red-100 text-red-900",
  none: "bg-slate-100 text-slate-800",
};

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function EnrolmentPage({ searchParams }: { searchParams: Search }) {
  await connection();
  await pagePrincipal(route);
  const { db, config } = await getAppContext();
  const raw = await searchParams;
  const facilities = await listFacilitiesWithWards(db);
  const wardOptions = facilities.flatMap((facility) =>
    facility.wards.map((ward) => ({
      value: `${facility.code}/${ward.code}`,
      label: `${ward.name} (${facility.code}/${ward.code})`,
    })),
  );
  const ward = wardOptions.some((option) => option.value === param(raw.ward)) ? param(raw.ward) : undefined;
  const state = cardStates.find((candidate) => candidate === param(raw.state));
  const sort = cardSorts.find((candidate) => candidate === param(raw.sort)) ?? "username";
  const search = param(raw.q)?.slice(0, 100);
  const params = {
    ward,
    state,
    q: search,
    sort: param(raw.sort) ? sort : undefined,
    dir: param(raw.dir) === "desc" ? "desc" : undefined,
  };
  const page = pageNumber(param(raw.page));
  const now = new Date();
  const result = await listCardStates(db, {
    now,
    ward,
    search,
    state,
    sort: sort as CardSort,
    descending: params.dir === "desc",
    page,
    pageSize,
  });
  const wardUserCount = Object.values(result.counts).reduce((sum, n) => sum + n, 0);
  const tz = config.timeZone;
  return (
    <div className="space-y-6">
      <div className="space-y-2 print:hidden">
        <h1 className="text-2xl font-bold">QR enrolment sheets</h1>
        <p className="max-w-3xl">
          Each card is a QR code a user scans with an authenticator app to sign in on their own phone. A card
          works once its first code is proved, and expires unused after the days you choose. Printing a card
          again makes a new secret: the older unused card stops working.
        </p>
      </div>

      <form
        method="get"
        action={path}
        className="flex flex-wrap items-end gap-3 print:hidden"
        aria-label="Choose users"
      >
        <label className="flex flex-col text-sm">
          Ward
          <select
            name="ward"
            defaultValue={ward ?? ""}
            className="min-h-11 rounded border border-slate-400 px-2"
          >
            <option value="">All users</option>
            {wardOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Card
          <select
            name="state"
            defaultValue={state ?? ""}
            className="min-h-11 rounded border border-slate-400 px-2"
          >
            <option value="">Any</option>
            {cardStates.map((candidate) => (
              <option key={candidate} value={candidate}>
                {stateLabels[candidate]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Name or username
          <input
            name="q"
            defaultValue={search ?? ""}
            className="min-h-11 rounded border border-slate-400 px-2"
          />
        </label>
        <button type="submit" className="min-h-11 rounded border border-slate-900 px-4 py-2 font-semibold">
          Show
        </button>
      </form>

      <EnrolmentPrinter action={printCardsAction} ward={ward} wardUserCount={wardUserCount}>
        <section aria-labelledby="cards-heading" className="space-y-3 print:hidden">
          <h2 id="cards-heading" className="text-xl font-semibold">
            Cards{ward ? ` for ${ward}` : ""}
          </h2>
          <ul className="flex flex-wrap gap-2 text-sm" aria-label="Cards by state">
            {cardStates.map((candidate) => (
              <li key={candidate}>
                <Link
                  href={hrefWith(path, params, { state: candidate, page: undefined })}
                  className={`inline-block rounded px-2 py-1 ${stateStyles[candidate]}`}
                >
                  {stateLabels[candidate]}: {result.counts[candidate]}
                </Link>
              </li>
            ))}
          </ul>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] border-collapse text-left text-sm">
              <caption className="sr-only">Users and their printed enrolment cards</caption>
              <thead className="border-b border-slate-300">
                <tr>
                  <th scope="col" className="px-2 py-2">
                    <span className="sr-only">Tick to print</span>
                  </th>
                  <SortHeader path={path} params={params} sort="name" label="Name" />
                  <SortHeader path={path} params={params} sort="username" label="Username" />
                  <SortHeader path={path} params={params} sort="state" label="Card" />
                  <SortHeader path={path} params={params} sort="printed" label="Printed" />
                  <th scope="col" className="px-2 py-2">
                    Use by
                  </th>
                  <th scope="col" className="px-2 py-2">
                    Activated
                  </th>
                  <th scope="col" className="px-2 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.cards.map((card) => (
                  <tr key={card.userId} className="border-b border-slate-200">
                    <td className="px-2 py-2">
                      <input
                        type="checkbox"
                        name="userId"
                        value={card.userId}
                        form={printFormId}
                        aria-label={`Tick ${card.username} to print`}
                        className="h-5 w-5"
                      />
                    </td>
                    <td className="px-2 py-2">{card.displayName}</td>
                    <td className="px-2 py-2 font-mono">{card.username}</td>
                    <td className="px-2 py-2">
                      <span className={`rounded px-2 py-1 ${stateStyles[card.state]}`}>
                        {stateLabels[card.state]}
                      </span>
                      {card.phoneActive && card.state !== "activated" ? (
                        <span className="ml-2 text-slate-700">(phone already set up)</span>
                      ) : null}
                    </td>
                    <td className="px-2 py-2">{formatDateTime(card.printedAt, tz)}</td>
                    <td className="px-2 py-2">
                      {card.state === "activated" ? "—" : formatDateTime(card.expiresAt, tz)}
                    </td>
                    <td className="px-2 py-2">{formatDateTime(card.activatedAt, tz)}</td>
                    <td className="px-2 py-2">
                      <button
                        type="submit"
                        form={printFormId}
                        name="reprint"
                        value={card.userId}
                        className="min-h-11 rounded border border-slate-500 px-3 py-1"
                        aria-label={`${card.state === "none" ? "Print" : "Re-print"} card for ${card.username}`}
                      >
                        {card.state === "none" ? "Print" : "Re-print"}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.cards.length === 0 ? <p>No users match.</p> : null}
          <Pager
            path={path}
            params={params}
            page={page}
            pageSize={pageSize}
            total={result.total}
            label="Users"
          />
        </section>
      </EnrolmentPrinter>
    </div>
  );
}
