"use client";
import type { CacheIdentity } from "@/lib/offline/offline-identity";
import type { WardChanges } from "@/lib/offline/view-reconcile";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { placeText } from "@/lib/ward-list/bed-place";
import { FeedStatus } from "../feed/feed-status";
import { patientListId } from "../skip-link";
import { useWardView } from "./use-ward-view";
import { WardTable } from "./ward-table";

/** Short marks on rows a live update changed, so a nurse sees what moved without reading it all. */
function changeMarks(changes: WardChanges | null): Map<string, string> {
  const marks = new Map<string, string>();
  if (!changes) return marks;
  for (const entry of changes.arrived) marks.set(entry.stayId, "New");
  for (const { entry, fromBed, fromRoom } of changes.moved)
    marks.set(entry.stayId, `Moved from ${placeText({ room: fromRoom, bed: fromBed })}`);
  for (const entry of changes.updated) marks.set(entry.stayId, "Updated");
  return marks;
}

function Counts({ entries, bedCount }: { entries: CensusEntry[]; bedCount: number | null }) {
  const count = (status: CensusEntry["status"]) => entries.filter((entry) => entry.status === status).length;
  // Leave and pre-admissions only when there are some: one line on a phone, so more patients fit.
  const onLeave = count("on-leave");
  const preAdmitted = count("pre-admitted");
  return (
    <p className="text-sm">
      {entries.length} patients{bedCount === null ? "" : ` · ${bedCount} beds`}
      {onLeave > 0 ? ` · ${onLeave} on leave` : ""}
      {preAdmitted > 0 ? ` · ${preAdmitted} pre-admissions` : ""}
    </p>
  );
}

/**
 * One ward's list, drawn from the device copy first and then from the server (use-ward-view.ts).
 * The same component serves the online page and the offline page.
 */
export function WardListView({
  wardId,
  identity,
  showWardName = false,
}: {
  wardId: string;
  identity: CacheIdentity | null;
  showWardName?: boolean;
}) {
  const view = useWardView(wardId, identity);
  const { shown, problem } = view;
  const cacheAlert = view.cacheProblem ? (
    <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900">
      {view.cacheProblem}
    </p>
  ) : null;
  if (view.loading) return <p role="status">Opening the ward list…</p>;
  if (!shown) {
    const text =
      problem && problem.kind !== "unreachable"
        ? problem.message
        : view.deviceExpired
          ? "The copy on this device is too old to show safely. Reconnect to refresh it."
          : "The server cannot be reached and this ward is not saved on this device.";
    return (
      <>
        {cacheAlert}
        <p role="alert">{text}</p>
      </>
    );
  }
  const fromDevice = shown.source === "device";
  const wardName = view.server?.ward.name ?? shown.entries[0]?.wardName ?? "Ward";
  return (
    <section
      id={patientListId}
      tabIndex={-1}
      aria-label={fromDevice ? "Ward list (offline copy)" : "Ward list"}
      className="space-y-2 sm:space-y-3"
    >
      {showWardName ? <h2 className="text-xl font-semibold">{wardName}</h2> : null}
      {cacheAlert}
      <FeedStatus
        facilityCode={view.server?.ward.facilityCode ?? shown.entries[0]?.facilityCode ?? null}
        savedAt={shown.asOf}
        subject="this list"
      />
      <Counts entries={shown.entries} bedCount={view.server?.ward.bedCount ?? null} />
      <p aria-live="polite" className="sr-only">
        {view.announcement ?? ""}
      </p>
      <WardTable
        entries={shown.entries}
        now={new Date()}
        marks={changeMarks(view.changes)}
        knownBeds={view.server?.knownBeds ?? []}
      />
    </section>
  );
}
