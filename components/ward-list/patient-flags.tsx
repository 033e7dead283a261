import { AlertList } from "@/components/alerts/alert-list";
import { AllergySummary } from "@/components/alerts/allergy-summary";
import type { CensusEntry } from "@/lib/sync/sync-types";

/**
 * A ward list row's flags: status marks (leave, pre-admission), high-risk alerts, the allergies
 * themselves (or which of "none known", "not sent", "not published" applies), then routine alerts.
 */
export function PatientFlags({ entry }: { entry: CensusEntry }) {
  const published = entry.patient.published;
  return (
    <span className="flex flex-wrap items-start gap-1">
      {entry.status === "on-leave" ? (
        <span className="rounded bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900">On leave</span>
      ) : null}
      {entry.status === "pre-admitted" ? (
        <span className="rounded bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-900">
          Pre-admission
        </span>
      ) : null}
      <AlertList published={published} part="high" />
      <AllergySummary published={published} />
      <AlertList published={published} part="routine" />
    </span>
  );
}
