import type { Metadata } from "next";
import { connection } from "next/server";
import { declareRoute } from "@/lib/access/authorize";
import type { ComponentHealth, FeedHealth } from "@/lib/health/check-health";
import { currentHealth } from "@/lib/runtime/current-health";

// Public: shows no patient data.
declareRoute("public");

export const metadata: Metadata = { title: "System health" };

function Component({ name, health }: { name: string; health: ComponentHealth }) {
  const up = health.status === "up";
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="font-semibold">{name}</dt>
      <dd className="mt-1 flex flex-wrap items-center gap-2">
        <span
          className={`rounded px-2 py-0.5 text-sm font-bold ${up ? "bg-green-700 text-white" : "bg-red-700 text-white"}`}
        >
          {up ? "Up" : "Down"}
        </span>
        <span className="text-sm text-slate-700">
          {health.kind} · {health.latencyMs} ms{health.detail ? ` · ${health.detail}` : ""}
        </span>
      </dd>
    </div>
  );
}

function Feeds({ feeds }: { feeds: FeedHealth }) {
  const silent = feeds.status === "silent";
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="font-semibold">Feeds</dt>
      <dd className="mt-1 space-y-1">
        <span
          className={`rounded px-2 py-0.5 text-sm font-bold text-white ${silent ? "bg-red-700" : feeds.status === "ok" ? "bg-green-700" : "bg-slate-600"}`}
        >
          {silent ? "Feed silent" : feeds.status === "ok" ? "Receiving" : "Unknown"}
        </span>
        {silent ? (
          <ul className="list-disc pl-5 text-sm text-slate-700">
            {feeds.silent.map((feed) => (
              <li key={feed.source}>
                {feed.source}: nothing for over {feed.thresholdMinutes} min
              </li>
            ))}
          </ul>
        ) : null}
      </dd>
    </div>
  );
}

export default async function HealthPage() {
  await connection();
  const report = await currentHealth();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">System health</h1>
      <p>
        Overall: <strong>{report.status === "ok" ? "All systems working" : "Degraded"}</strong> · environment{" "}
        <strong>{report.environment}</strong>
      </p>
      <dl className="grid gap-3 sm:grid-cols-2">
        <Component name="Database" health={report.database} />
        <Component name="Document storage" health={report.storage} />
        {report.feeds ? <Feeds feeds={report.feeds} /> : null}
      </dl>
      <p className="text-sm text-slate-600">
        Checked at {new Date(report.checkedAt).toLocaleString("en-GB")}
      </p>
    </div>
  );
}
