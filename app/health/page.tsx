import type { Metadata } from "next";
import { connection } from "next/server";
import { declareRoute } from "@/lib/access/authorize";
import type { ComponentHealth } from "@/lib/health/check-health";
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
      </dl>
      <p className="text-sm text-slate-600">
        Checked at {new Date(report.checkedAt).toLocaleString("en-GB")}
      </p>
    </div>
  );
}
