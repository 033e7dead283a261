import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { TimeSeriesChart } from "@/components/admin/charts/time-series-chart";
import { ThresholdForm } from "@/components/admin/feed/threshold-form";
import { ConsoleTable } from "@/components/admin/forms/console-table";
import { declareRoute } from "@/lib/access/authorize";
import { type FeedBuckets, feedChartData } from "@/lib/ingest/feed-health/feed-chart-data";
import { answersPerMinute, answersPerSource, recentRejections } from "@/lib/ingest/feed-health/feed-history";
import { silentSources } from "@/lib/ingest/feed-health/feed-silence";
import { feedSources } from "@/lib/ingest/feed-health/feed-sources";
import { minuteOf } from "@/lib/ingest/feed-health/record-feed-answers";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";

const route = declareRoute("admin:settings");

export const metadata: Metadata = { title: "Feed health" };

const rejectionsPerPage = 25;

export default async function FeedHealthPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; code?: string }>;
}) {
  await connection();
  await pagePrincipal(route);
  const params = await searchParams;
  const code = params.code === "AE" || params.code === "AR" ? params.code : undefined;
  const { db, config } = await getAppContext();
  const now = new Date();
  const until = new Date(minuteOf(now).getTime() + 60_000);
  const since = new Date(until.getTime() - 24 * 60 * 60_000);
  const requestedPage = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const [minutes, perSource, sources, rejections] = await Promise.all([
    answersPerMinute(db, since, until),
    answersPerSource(db, since),
    feedSources(db, config.feedSilenceMinutes),
    recentRejections(db, {
      since: new Date(now.getTime() - 30 * 24 * 60 * 60_000),
      limit: rejectionsPerPage,
      offset: (requestedPage - 1) * rejectionsPerPage,
      ackCode: code,
    }),
  ]);
  const chart: FeedBuckets = feedChartData(minutes, since, config.timeZone);
  const silent = new Set(
    silentSources(
      sources.filter((source) => source.watched),
      now,
    ).map((source) => source.source),
  );
  const labels = new Map(sources.map((source) => [source.source, source.label]));
  const totalsBySource = new Map(perSource.map((row) => [row.source, row.counts]));
  const time = (date: Date | null) =>
    date
      ? date.toLocaleString("en-GB", { timeZone: config.timeZone, dateStyle: "short", timeStyle: "medium" })
      : "None in 30 days";
  const pages = Math.max(1, Math.ceil(rejections.total / rejectionsPerPage));
  const link = (next: { page?: number; code?: string | null }) => {
    const chosen = next.code === null ? undefined : (next.code ?? code);
    return `/admin/feed?page=${next.page ?? 1}${chosen ? `&code=${chosen}` : ""}`;
  };

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Feed health</h1>

      <section aria-labelledby="totals" className="space-y-2">
        <h2 id="totals" className="text-lg font-semibold">
          Last 24 hours
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {[
            ["AA accepted", chart.totals.AA],
            ["AE errors", chart.totals.AE],
            ["AR rejected", chart.totals.AR],
            ["of the AE, answered 503", chart.totals.unavailable],
          ].map(([label, value]) => (
            <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-sm text-slate-700">{label}</dt>
              <dd className="text-2xl font-bold">{value}</dd>
            </div>
          ))}
        </dl>
        <TimeSeriesChart
          title="Messages per minute, last 24 hours"
          x={chart.x}
          series={[
            { label: "AA", values: chart.series.AA, colour: "#15803d" },
            { label: "AE", values: chart.series.AE, colour: "#b45309" },
            { label: "AR", values: chart.series.AR, colour: "#b91c1c" },
          ]}
          summary={chart.summary}
          table={{
            caption: "Messages per hour, last 24 hours",
            columns: ["Hour", "AA", "AE", "AR"],
            rows: chart.hours.map((hour) => [hour.label, hour.AA, hour.AE, hour.AR]),
          }}
        />
      </section>

      <section aria-labelledby="sources" className="space-y-2">
        <h2 id="sources" className="text-lg font-semibold">
          Sources
        </h2>
        <p className="text-sm text-slate-700">
          A source is silent when no message of any outcome has arrived for longer than its threshold (default{" "}
          {config.feedSilenceMinutes} minutes, FEED_SILENCE_MINUTES). Sources of revoked keys are not watched.
        </p>
        <ConsoleTable
          caption="Feed sources, last message and answers in the last 24 hours"
          minWidth="52rem"
          empty={sources.length === 0 ? "No messages received yet." : null}
          columns={["Source", "Last message", "AA", "AE", "AR", "Status", "Silence threshold"]}
        >
          {sources.map((source) => {
            const counts = totalsBySource.get(source.source);
            return (
              <tr key={source.source} className="border-b border-slate-200 align-top">
                <th scope="row" className="px-2 py-2 text-left font-semibold">
                  {source.label}
                </th>
                <td className="px-2 py-2">{time(source.lastMessageAt)}</td>
                <td className="px-2 py-2">{counts?.AA ?? 0}</td>
                <td className="px-2 py-2">{(counts?.AE ?? 0) + (counts?.unavailable ?? 0)}</td>
                <td className="px-2 py-2">{counts?.AR ?? 0}</td>
                <td className="px-2 py-2">
                  {!source.watched ? (
                    <span className="text-slate-600">Not watched (key revoked)</span>
                  ) : silent.has(source.source) ? (
                    <span className="rounded bg-red-700 px-2 py-0.5 font-bold text-white">Silent</span>
                  ) : (
                    <span className="rounded bg-green-700 px-2 py-0.5 font-bold text-white">Receiving</span>
                  )}
                </td>
                <td className="px-2 py-2">
                  {source.watched ? (
                    <ThresholdForm
                      source={source.source}
                      label={source.label}
                      customMinutes={source.customThresholdMinutes}
                      defaultMinutes={config.feedSilenceMinutes}
                    />
                  ) : (
                    `${source.thresholdMinutes} min`
                  )}
                </td>
              </tr>
            );
          })}
        </ConsoleTable>
      </section>

      <section aria-labelledby="rejections" className="space-y-2">
        <h2 id="rejections" className="text-lg font-semibold">
          Recent rejections
        </h2>
        <p className="text-sm">
          Show:{" "}
          {[
            ["All", null],
            ["AE only", "AE"],
            ["AR only", "AR"],
          ].map(([label, value]) => (
            <Link
              key={label}
              href={link({ code: value })}
              aria-current={(value ?? undefined) === code ? "true" : undefined}
              className={`mr-3 underline ${(value ?? undefined) === code ? "font-bold" : ""}`}
            >
              {label}
            </Link>
          ))}
        </p>
        <ConsoleTable
          caption="AE and AR answers of the last 30 days, newest first"
          minWidth="48rem"
          empty={rejections.rejections.length === 0 ? "No rejections in the last 30 days." : null}
          columns={["Time", "Source", "Control id", "ACK", "Reason"]}
        >
          {rejections.rejections.map((rejection) => (
            <tr key={rejection.id} className="border-b border-slate-200 align-top">
              <td className="px-2 py-2 whitespace-nowrap">{time(rejection.receivedAt)}</td>
              <td className="px-2 py-2">{labels.get(rejection.source) ?? "Source no longer watched"}</td>
              <td className="px-2 py-2 font-mono">{rejection.controlId ?? "—"}</td>
              <td className="px-2 py-2 font-semibold">{rejection.ackCode}</td>
              <td className="px-2 py-2">{rejection.reason}</td>
            </tr>
          ))}
        </ConsoleTable>
        {pages > 1 ? (
          <nav aria-label="Pages of rejections" className="flex gap-3 text-sm">
            {requestedPage > 1 ? (
              <Link href={link({ page: requestedPage - 1 })} className="underline">
                Newer
              </Link>
            ) : null}
            <span>
              Page {Math.min(requestedPage, pages)} of {pages}
            </span>
            {requestedPage < pages ? (
              <Link href={link({ page: requestedPage + 1 })} className="underline">
                Older
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
