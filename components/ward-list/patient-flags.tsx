import type { CensusEntry } from "@/lib/sync/sync-types";

/** Alert and allergy flags from the published fields, and status marks (leave, pre-admission). */
export function PatientFlags({ entry }: { entry: CensusEntry }) {
  const published = entry.patient.published as { alerts?: string[]; allergies?: { text: string }[] };
  const alerts = published.alerts ?? [];
  const allergies = published.allergies ?? [];
  return (
    <span className="flex flex-wrap gap-1">
      {entry.status === "on-leave" ? (
        <span className="rounded bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900">On leave</span>
      ) : null}
      {entry.status === "pre-admitted" ? (
        <span className="rounded bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-900">
          Pre-admission
        </span>
      ) : null}
      {allergies.length > 0 ? (
        <span
          className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900"
          title={allergies.map((a) => a.text).join("; ")}
        >
          Allergies ({allergies.length})
        </span>
      ) : null}
      {alerts.map((alert) => (
        <span key={alert} className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
          {alert}
        </span>
      ))}
    </span>
  );
}
