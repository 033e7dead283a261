import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { DowntimeSwitchForm } from "@/components/admin/downtime/downtime-switch-form";
import { ConsoleTable } from "@/components/admin/forms/console-table";
import { declareRoute } from "@/lib/access/authorize";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import { downtimeHistory } from "@/lib/settings/downtime-history";
import { byodPolicy, downtimeStatus } from "@/lib/settings/downtime-switch";
import { dateText, timeText } from "@/lib/ward-list/format";

const route = declareRoute("admin:settings");

export const metadata: Metadata = { title: "Downtime switch" };

const pageSize = 20;
const when = (at: Date) => `${dateText(at)} ${timeText(at)}`;

function duration(from: Date, to: Date): string {
  const minutes = Math.round((to.getTime() - from.getTime()) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

export default async function DowntimePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await connection();
  await pagePrincipal(route);
  const { db } = await getAppContext();
  const page = Math.max(1, Math.min(10_000, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  const status = await downtimeStatus(db);
  const history = await downtimeHistory(db, { page, pageSize });
  const pages = Math.max(1, Math.ceil(history.total / pageSize));
  const now = new Date();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Downtime switch</h1>
      <section aria-labelledby="status" className="space-y-2">
        <h2 id="status" className="text-xl font-semibold">
          Now
        </h2>
        {status.declared ? (
          <p data-testid="downtime-status" className="rounded bg-red-50 p-3 text-red-950">
            <strong>Downtime is declared</strong>
            {status.since ? ` since ${when(status.since)}` : ""}
            {status.by ? ` by ${status.by}` : ""}
            {status.reason ? `: ${status.reason}` : ""}
          </p>
        ) : (
          <p data-testid="downtime-status">Downtime is not declared. Staff use the EPR as normal.</p>
        )}
        <p className="text-sm text-slate-700">
          While downtime is declared every signed-in user sees a banner with the reason on every page, and
          phones may sign in when the policy below says so. Declaring and ending are recorded in the audit
          log.
        </p>
      </section>
      <DowntimeSwitchForm declared={status.declared} byodPolicy={await byodPolicy(db)} />
      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history" className="text-xl font-semibold">
          History
        </h2>
        {history.total === 0 ? (
          <p>Downtime has never been declared here.</p>
        ) : (
          <>
            <ConsoleTable
              caption="Downtime declarations, newest first"
              columns={["Declared", "By", "Reason", "Ended", "Lasted"]}
            >
              {history.periods.map((period) => (
                <tr key={period.declaredAt.toISOString()} className="border-b border-slate-200 align-top">
                  <td className="px-2 py-2">{when(period.declaredAt)}</td>
                  <td className="px-2 py-2">{period.declaredBy ?? "—"}</td>
                  <td className="px-2 py-2">{period.reason ?? "—"}</td>
                  <td className="px-2 py-2">
                    {period.endedAt ? `${when(period.endedAt)} by ${period.endedBy ?? "—"}` : "Not ended"}
                  </td>
                  <td className="px-2 py-2">{duration(period.declaredAt, period.endedAt ?? now)}</td>
                </tr>
              ))}
            </ConsoleTable>
            {pages > 1 ? (
              <nav aria-label="History pages" className="flex gap-4">
                {page > 1 ? (
                  <Link href={`?page=${page - 1}`} className="underline">
                    Newer
                  </Link>
                ) : null}
                <span>
                  Page {page} of {pages}
                </span>
                {page < pages ? (
                  <Link href={`?page=${page + 1}`} className="underline">
                    Older
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
