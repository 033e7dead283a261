import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/forms/action-form";
import { ConsoleTable } from "@/components/admin/forms/console-table";
import { formatDateTime, hrefWith, Pager, pageNumber, param } from "@/components/admin/forms/paging";
import { declareRoute } from "@/lib/access/authorize";
import { listFacilityOverview, listWardOverview, wardSorts } from "@/lib/census/facility-overview";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import { markWardReviewedAction, renameFacilityAction, renameWardAction } from "./actions";

const route = declareRoute("admin:settings");

export const metadata: Metadata = { title: "Facilities and wards" };

const path = "/admin/facilities";
const pageSize = 25;
const input = "min-h-11 rounded border border-slate-400 px-2";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function FacilitiesPage({ searchParams }: { searchParams: Search }) {
  await connection();
  await pagePrincipal(route);
  const { db, config } = await getAppContext();
  const raw = await searchParams;
  const facilities = await listFacilityOverview(db);
  const facility = facilities.find((candidate) => candidate.code === param(raw.facility))?.code;
  const review = param(raw.review) === "1" ? "1" : undefined;
  const sort = wardSorts.find((candidate) => candidate === param(raw.sort));
  const params = { facility, review, sort, dir: param(raw.dir) === "desc" ? "desc" : undefined };
  const page = pageNumber(param(raw.page));
  const { wards, total } = await listWardOverview(db, {
    facilityCode: facility,
    needsReviewOnly: review === "1",
    sort,
    descending: params.dir === "desc",
    page,
    pageSize,
  });
  const toReview = facilities.reduce((sum, candidate) => sum + candidate.wardsToReview, 0);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Facilities and wards</h1>
        <p className="max-w-3xl">
          Sites and wards as staff see them. Codes come from the feed and never change; names can. A ward the
          feed sent before anyone set it up is created named by its code and flagged here until an admin
          reviews it.
        </p>
        {toReview > 0 ? (
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2">
            {toReview} {toReview === 1 ? "ward" : "wards"} created by the feed to review.{" "}
            <Link className="underline" href={hrefWith(path, {}, { review: "1" })}>
              Show them
            </Link>
          </p>
        ) : null}
      </div>

      <section aria-labelledby="facilities-heading" className="space-y-3">
        <h2 id="facilities-heading" className="text-xl font-semibold">
          Facilities
        </h2>
        <ConsoleTable
          caption="Facilities with their wards and current patients"
          minWidth="44rem"
          columns={["Code", "Name", "Wards", "Patients", "To review"]}
        >
          {facilities.map((candidate) => (
            <tr key={candidate.code} className="border-b border-slate-200 align-top">
              <td className="px-2 py-2 font-mono">
                <Link className="underline" href={hrefWith(path, {}, { facility: candidate.code })}>
                  {candidate.code}
                </Link>
              </td>
              <td className="px-2 py-2">
                <ActionForm
                  action={renameFacilityAction}
                  submitLabel="Rename"
                  className="flex flex-wrap items-start gap-2"
                >
                  <input type="hidden" name="facility" value={candidate.code} />
                  <label className="sr-only" htmlFor={`facility-name-${candidate.code}`}>
                    Name of {candidate.code}
                  </label>
                  <input
                    id={`facility-name-${candidate.code}`}
                    name="name"
                    defaultValue={candidate.name}
                    required
                    maxLength={100}
                    className={`${input} w-64`}
                  />
                </ActionForm>
              </td>
              <td className="px-2 py-2">{candidate.wardCount}</td>
              <td className="px-2 py-2">{candidate.patientCount}</td>
              <td className="px-2 py-2">
                {candidate.wardsToReview > 0 ? (
                  <Link
                    className="underline"
                    href={hrefWith(path, {}, { facility: candidate.code, review: "1" })}
                  >
                    {candidate.wardsToReview}
                  </Link>
                ) : (
                  0
                )}
              </td>
            </tr>
          ))}
        </ConsoleTable>
        {facilities.length === 0 ? (
          <p>
            No facilities yet: create one with <code>npm run facility -- create</code>.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="wards-heading" className="space-y-3">
        <h2 id="wards-heading" className="text-xl font-semibold">
          Wards
        </h2>
        <form method="get" action={path} className="flex flex-wrap items-end gap-3" aria-label="Filter wards">
          <label className="flex flex-col text-sm">
            Facility
            <select name="facility" defaultValue={facility ?? ""} className={input}>
              <option value="">All</option>
              {facilities.map((candidate) => (
                <option key={candidate.code} value={candidate.code}>
                  {candidate.name} ({candidate.code})
                </option>
              ))}
            </select>
          </label>
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="review"
              value="1"
              defaultChecked={review === "1"}
              className="h-5 w-5"
            />
            Only wards to review
          </label>
          <button type="submit" className="min-h-11 rounded border border-slate-900 px-4 py-2 font-semibold">
            Show
          </button>
        </form>
        <ConsoleTable
          caption="Wards, their current patients, and whether the feed created them"
          minWidth="56rem"
          sorting={{ path, params }}
          columns={[
            { label: "Facility", sort: "facility" },
            { label: "Code", sort: "code" },
            { label: "Name", sort: "name" },
            "Beds",
            { label: "Patients", sort: "patients" },
            { label: "Created", sort: "created" },
            "Review",
          ]}
        >
          {wards.map((ward) => (
            <tr key={ward.id} className="border-b border-slate-200 align-top">
              <td className="px-2 py-2 font-mono">{ward.facilityCode}</td>
              <td className="px-2 py-2 font-mono">{ward.code}</td>
              <td className="px-2 py-2">
                <ActionForm
                  action={renameWardAction}
                  submitLabel="Rename"
                  className="flex flex-wrap items-start gap-2"
                >
                  <input type="hidden" name="facility" value={ward.facilityCode} />
                  <input type="hidden" name="ward" value={ward.code} />
                  <label className="sr-only" htmlFor={`ward-name-${ward.id}`}>
                    Name of ward {ward.facilityCode}/{ward.code}
                  </label>
                  <input
                    id={`ward-name-${ward.id}`}
                    name="name"
                    defaultValue={ward.name}
                    required
                    maxLength={100}
                    className={`${input} w-56`}
                  />
                </ActionForm>
              </td>
              <td className="px-2 py-2">{ward.bedCount}</td>
              <td className="px-2 py-2">{ward.patientCount}</td>
              <td className="px-2 py-2">
                {formatDateTime(ward.createdAt, config.timeZone)}
                {ward.createdByIngest ? <span className="block text-slate-700">by the feed</span> : null}
              </td>
              <td className="px-2 py-2">
                {ward.needsReview ? (
                  <div className="space-y-2">
                    <span className="inline-block rounded bg-amber-100 px-2 py-1 text-amber-900">
                      New from the feed
                    </span>
                    <ActionForm action={markWardReviewedAction} submitLabel={`Mark ${ward.code} reviewed`}>
                      <input type="hidden" name="facility" value={ward.facilityCode} />
                      <input type="hidden" name="ward" value={ward.code} />
                    </ActionForm>
                  </div>
                ) : ward.reviewedAt ? (
                  <span>Reviewed {formatDateTime(ward.reviewedAt, config.timeZone)}</span>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </ConsoleTable>
        {wards.length === 0 ? <p>No wards match.</p> : null}
        <Pager path={path} params={params} page={page} pageSize={pageSize} total={total} label="Wards" />
      </section>
    </div>
  );
}
