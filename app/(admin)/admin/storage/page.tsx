import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { TimeSeriesChart } from "@/components/admin/charts/time-series-chart";
import { ConsoleTable } from "@/components/admin/forms/console-table";
import { declareRoute } from "@/lib/access/authorize";
import { bytesText } from "@/lib/retention/bytes-text";
import { dayRanges } from "@/lib/retention/gb-months";
import { storageReport } from "@/lib/retention/storage-report";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";

const route = declareRoute("admin:settings");

export const metadata: Metadata = { title: "Storage" };

const colours = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490"];
const sorts = { code: "Facility", documents: "Documents", bytes: "Bytes" } as const;
type Sort = keyof typeof sorts;

const unixDay = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
const gb = (bytes: number) => Math.round((bytes / 1e9) * 1000) / 1000;

export default async function StoragePage({ searchParams }: { searchParams: Promise<{ sort?: string }> }) {
  await connection();
  await pagePrincipal(route);
  const { db } = await getAppContext();
  const requested = (await searchParams).sort;
  const sort: Sort = requested && requested in sorts ? (requested as Sort) : "code";
  const report = await storageReport(db, new Date());
  const usage = [...report.usage].sort((a, b) =>
    sort === "code" ? a.facilityCode.localeCompare(b.facilityCode) : b[sort] - a[sort],
  );
  const codes = report.usage.map((row) => row.facilityCode);
  const held = new Map(report.history.map((row) => [`${row.facilityCode} ${row.day}`, row.bytes]));
  const purges = new Map(report.purges.map((row) => [row.day, row]));
  const x = report.days.map(unixDay);
  const billed = report.billing.facilities;
  const total = billed.reduce((sum, row) => sum + row.gbMonths, 0);
  const incomplete = billed.filter((row) => !row.complete);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Storage</h1>
        <p className="max-w-3xl text-slate-700">
          Documents held per facility, from the document records (bytes as received). Days are UTC days; sizes
          are decimal (1 GB = 10<sup>9</sup> bytes).
        </p>
      </div>

      <section aria-labelledby="now" className="space-y-2">
        <h2 id="now" className="text-xl font-semibold">
          Held now
        </h2>
        <ConsoleTable
          caption="Documents and bytes held per facility now"
          columns={["Patients", "On a ward list"]}
        >
          {usage.map((row) => (
            <tr key={row.facilityCode} className="border-b border-slate-200">
              <td className="px-2 py-2">
                {row.facilityName} ({row.facilityCode})
              </td>
              <td className="px-2 py-2 tabular-nums">{row.documents}</td>
              <td className="px-2 py-2 tabular-nums">{bytesText(row.bytes)}</td>
              <td className="px-2 py-2 tabular-nums">{row.patients}</td>
              <td className="px-2 py-2 tabular-nums">{row.currentStays}</td>
            </tr>
          ))}
        </ConsoleTable>
      </section>

      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history" className="text-xl font-semibold">
          Daily history
        </h2>
        <p className="text-slate-700">
          Each purge run records what every facility holds that day; the day's last run is kept. A gap is a
          day with no run.
        </p>
        <TimeSeriesChart
          title="GB held per facility, last 90 days"
          x={x}
          series={codes.map((code, index) => ({
            label: code,
            colour: colours[index % colours.length]!,
            values: report.days.map((day) => {
              const bytes = held.get(`${code} ${day}`);
              return bytes === undefined ? null : gb(bytes);
            }),
          }))}
          summary={`${report.history.length} daily records over the last ${report.days.length} days for ${codes.length} facilities.`}
          table={{
            caption: "GB held per facility per day",
            columns: ["Day", ...codes.map((code) => `${code} (GB)`)],
            rows: report.days
              .filter((day) => codes.some((code) => held.has(`${code} ${day}`)))
              .map((day) => [
                day,
                ...codes.map((code) => {
                  const bytes = held.get(`${code} ${day}`);
                  return bytes === undefined ? "missing" : gb(bytes);
                }),
              ]),
          }}
        />
      </section>

      <section aria-labelledby="purges" className="space-y-2">
        <h2 id="purges" className="text-xl font-semibold">
          Purges per day
        </h2>
        <p className="text-slate-700">
          From the purge records (no patient identifiers). Run the purge now from{" "}
          <Link href="/admin/publishing" className="underline">
            Publishing and retention
          </Link>
          .
        </p>
        <TimeSeriesChart
          title="Space freed by the purge per day (MB), last 90 days"
          bars
          x={x}
          series={[
            {
              label: "MB freed",
              colour: "#047857",
              values: report.days.map((day) => {
                const row = purges.get(day);
                return row ? Math.round(row.bytes / 1e4) / 100 : 0;
              }),
            },
          ]}
          summary={`${report.purges.reduce((sum, row) => sum + row.patients, 0)} patients purged, freeing ${bytesText(
            report.purges.reduce((sum, row) => sum + row.bytes, 0),
          )}, over the last ${report.days.length} days.`}
          table={{
            caption: "Patients, documents and bytes purged per day",
            columns: ["Day", "Patients", "Documents", "Freed"],
            rows: report.purges.map((row) => [row.day, row.patients, row.documents, bytesText(row.bytes)]),
          }}
        />
      </section>

      <section aria-labelledby="billing" className="space-y-2">
        <h2 id="billing" className="text-xl font-semibold">
          Billed storage, {report.billing.month}
        </h2>
        <p className="max-w-3xl text-slate-700">
          GB-months = (sum over the month's days of the bytes held that day ÷ 10<sup>9</sup>) ÷ days in the
          month: the average GB held (decimal GB, as AWS bills) for one month. Days without a record count for
          nothing and are listed: the figure is then a lower bound, not an estimate.
        </p>
        <div className="overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">GB-months per facility for {report.billing.month}</caption>
            <thead>
              <tr className="border-b-2 border-slate-400 text-sm">
                <th scope="col" className="p-2">
                  Facility
                </th>
                <th scope="col" className="p-2">
                  GB-months
                </th>
                <th scope="col" className="p-2">
                  Days recorded
                </th>
                <th scope="col" className="p-2">
                  Missing days
                </th>
              </tr>
            </thead>
            <tbody>
              {billed.map((row) => (
                <tr key={row.facilityCode} className="border-b border-slate-200 align-top">
                  <td className="px-2 py-2">
                    {row.facilityName} ({row.facilityCode})
                  </td>
                  <td className="px-2 py-2 tabular-nums">{row.gbMonths.toFixed(3)}</td>
                  <td className="px-2 py-2 tabular-nums">
                    {row.recordedDays} of {row.daysInMonth}
                  </td>
                  <td className="px-2 py-2">{row.complete ? "none" : dayRanges(row.missingDays)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-semibold">
                <th scope="row" className="px-2 py-2">
                  Trust total
                </th>
                <td className="px-2 py-2 tabular-nums" data-testid="gb-months-total">
                  {total.toFixed(3)}
                </td>
                <td className="px-2 py-2" colSpan={2}>
                  {incomplete.length === 0
                    ? "Every day recorded."
                    : `Lower bound: ${incomplete.length} of ${billed.length} facilities have missing days.`}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </div>
  );
}
