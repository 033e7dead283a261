import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuditReportTable } from "@/components/admin/ig/audit-report-table";
import { declareRoute } from "@/lib/access/authorize";
import type { AuditPage } from "@/lib/audit/audit-queries";
import {
  type IgReportKind,
  type IgReportQuery,
  igReportKinds,
  igReportLabels,
  igReportParams,
  readIgReportQuery,
  syncsApply,
} from "@/lib/audit/ig-report-query";
import { type ReportSubject, runIgReport } from "@/lib/audit/ig-reports";
import { isAppError } from "@/lib/errors";
import { getAppContext } from "@/lib/runtime/app-context";
import { tombstoneKeyFor } from "@/lib/runtime/app-ingest-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";

export const metadata: Metadata = { title: "IG reports" };

const route = declareRoute("audit:read");

type Search = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * IG reports over the audit log (lib/audit/ig-reports.ts): one tab per report kind, a GET form
 * (so a report is a link), keyset pages, and the same report as CSV through /api/audit/export.
 * Every run is audited (`audit.report`). A patient or user report runs once its form is filled in;
 * the others run when their tab opens.
 */
export default async function IgReportsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await connection();
  const principal = await pagePrincipal(route);
  const { db, config } = await getAppContext();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([key, value]) => [key, first(value)]),
  );
  const kind: IgReportKind = igReportKinds.includes(raw.report as IgReportKind)
    ? (raw.report as IgReportKind)
    : "patient";
  const needsInput = (kind === "patient" && !raw.id) || (kind === "user" && !raw.user);
  let query: IgReportQuery | null = null;
  let result: { subject: ReportSubject; page: AuditPage } | null = null;
  let error: string | null = null;
  if (!needsInput) {
    try {
      query = readIgReportQuery({ ...raw, report: kind });
      result = await runIgReport(
        { db, tombstoneKey: tombstoneKeyFor(config), timeZone: config.timeZone },
        principal,
        query,
      );
    } catch (thrown) {
      if (!isAppError(thrown) || !["bad_request", "not_found"].includes(thrown.code)) throw thrown;
      error = thrown.message;
    }
  }
  const wards = await db.query<{ id: string; name: string; code: string }>(
    "SELECT w.id, w.name, f.code FROM ward w JOIN facility f ON f.id = w.facility_id",
  );
  const wardNames = new Map(wards.rows.map((ward) => [ward.id, `${ward.name} (${ward.code})`]));
  const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: config.timeZone });
  const purgedOn = new Map(
    result?.subject.kind === "patient"
      ? result.subject.purged.map((patient) => [patient.patientId, day.format(new Date(patient.purgedAt))])
      : [],
  );
  const params = query ? igReportParams(query) : null;
  const input = "rounded border border-slate-400 px-3 py-2";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">IG reports</h1>
      <nav aria-label="Report kinds">
        <ul className="flex flex-wrap gap-1 border-b border-slate-300 text-sm">
          {igReportKinds.map((report) => (
            <li key={report}>
              <Link
                href={`/admin/ig?report=${report}`}
                aria-current={report === kind ? "page" : undefined}
                className={`block rounded-t px-3 py-2 ${report === kind ? "bg-slate-900 text-white" : "hover:bg-slate-100"}`}
              >
                {igReportLabels[report]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="text-xl font-semibold">{igReportLabels[kind]}</h2>
      <form method="get" action="/admin/ig" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="report" value={kind} />
        {kind === "patient" ? (
          <>
            <div className="flex flex-col">
              <label htmlFor="idType" className="text-sm font-medium">
                Identifier
              </label>
              <select id="idType" name="idType" defaultValue={raw.idType ?? "nhs-number"} className={input}>
                <option value="nhs-number">NHS number</option>
                <option value="mrn">MRN</option>
              </select>
            </div>
            <div className="flex flex-col">
              <label htmlFor="id" className="text-sm font-medium">
                NHS number or MRN
              </label>
              <input id="id" name="id" defaultValue={raw.id ?? ""} required className={input} />
            </div>
          </>
        ) : null}
        {kind === "user" ? (
          <div className="flex flex-col">
            <label htmlFor="user" className="text-sm font-medium">
              Windows username
            </label>
            <input
              id="user"
              name="user"
              defaultValue={raw.user ?? ""}
              placeholder="TRUST\jbloggs"
              required
              className={input}
            />
          </div>
        ) : null}
        <div className="flex flex-col">
          <label htmlFor="from" className="text-sm font-medium">
            From (day)
          </label>
          <input id="from" name="from" type="date" defaultValue={raw.from ?? ""} className={input} />
        </div>
        <div className="flex flex-col">
          <label htmlFor="to" className="text-sm font-medium">
            To (day, inclusive)
          </label>
          <input id="to" name="to" type="date" defaultValue={raw.to ?? ""} className={input} />
        </div>
        {syncsApply(kind) ? (
          // Views and opens by default; a sync to a device is not a read anybody made.
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="syncs"
              value="include"
              defaultChecked={raw.syncs === "include"}
              className="h-5 w-5"
            />
            Include background syncs to devices
          </label>
        ) : null}
        <button type="submit" className="min-h-11 rounded bg-slate-900 px-4 py-2 font-semibold text-white">
          Run report
        </button>
      </form>
      {error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3">
          {error}
        </p>
      ) : null}
      {result && params ? (
        <section aria-label="Report" className="space-y-3">
          <Subject subject={result.subject} purgedOn={purgedOn} />
          <p className="flex flex-wrap items-center gap-3 text-sm">
            <span>
              {result.page.rows.length} event{result.page.rows.length === 1 ? "" : "s"} on this page, oldest
              first
              {query?.cursor ? " (a later page)" : ""}; times in {config.timeZone}.
              {query && syncsApply(query.report)
                ? query.syncs === "include"
                  ? " Background syncs to devices are included."
                  : " Views and opens only: background syncs to devices are not shown."
                : ""}
            </span>
            <a href={`/api/audit/export?${params}`} download className="font-semibold underline">
              Download CSV
            </a>
          </p>
          <AuditReportTable
            rows={result.page.rows}
            wardNames={wardNames}
            purgedOn={purgedOn}
            timeZone={config.timeZone}
          />
          <nav aria-label="Pages" className="flex gap-4">
            {query?.cursor ? (
              <Link href={`/admin/ig?${params}`} className="underline">
                First page
              </Link>
            ) : null}
            {result.page.nextCursor ? (
              <Link
                href={`/admin/ig?${params}&cursor=${encodeURIComponent(result.page.nextCursor)}`}
                className="font-semibold underline"
              >
                Next page
              </Link>
            ) : null}
          </nav>
        </section>
      ) : null}
    </div>
  );
}

function Subject({ subject, purgedOn }: { subject: ReportSubject; purgedOn: ReadonlyMap<string, string> }) {
  if (subject.kind === "user") {
    return (
      <p>
        Everything recorded for <strong>{subject.displayName}</strong> ({subject.username}).
      </p>
    );
  }
  if (subject.kind !== "patient") return null;
  if (subject.held.length === 0 && subject.purged.length === 0) {
    return <p>No patient held, and no purged patient, has this identifier.</p>;
  }
  return (
    <ul className="space-y-1 rounded border border-slate-300 bg-white p-3 text-sm">
      {subject.held.map((patient) => (
        <li key={patient.patientId}>
          {patient.facilityCode} · MRN {patient.mrn} · NHS {patient.nhsNumber ?? "—"}
          {patient.mergedInto ? " · merged into another record (its events are included)" : ""}
        </li>
      ))}
      {subject.purged.map((patient) => (
        <li key={patient.patientId}>
          {patient.facilityCode ?? "A facility no longer held"} · record {patient.patientId.slice(0, 8)}…:
          identifiers removed by purge on {purgedOn.get(patient.patientId)}; matched by keyed hash
        </li>
      ))}
    </ul>
  );
}
