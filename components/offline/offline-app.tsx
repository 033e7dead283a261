"use client";
/**
 * The ward list with no signal: the service worker serves /offline for any page that cannot load,
 * at the address the user asked for, and this draws that page from the encrypted copy on the
 * device. Every patient shown is queued for the audit log and uploaded when back online.
 */
import { useEffect, useState } from "react";
import { FreshnessBadge } from "@/components/ward-list/freshness-badge";
import { WardTable } from "@/components/ward-list/ward-table";
import { isCacheError } from "@/lib/offline/cache-error";
import { cacheIdentity } from "@/lib/offline/offline-identity";
import {
  type CachedWard,
  cachedWards,
  openWardCache,
  queueOfflineRead,
  readEntry,
  readWard,
} from "@/lib/offline/ward-cache";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { birthDateText, displayName, nhsNumberText } from "@/lib/ward-list/format";

type View =
  | { kind: "loading" }
  | { kind: "message"; text: string }
  | { kind: "wards"; wards: CachedWard[]; asOf: string | null }
  | { kind: "ward"; entries: CensusEntry[]; asOf: string | null }
  | { kind: "patient"; entry: CensusEntry };

async function load(path: string): Promise<View> {
  const identity = cacheIdentity();
  if (!identity)
    return {
      kind: "message",
      text: "No wards are saved on this device. Sign in while online to save your wards.",
    };
  const cache = await openWardCache(identity);
  const now = Date.now();
  const at = new Date().toISOString();
  const expired: View = {
    kind: "message",
    text: "The copy on this device is too old to show safely. Reconnect to refresh it.",
  };
  const [, section, id] = path.split("/");
  if (section === "wards" && id) {
    const ward = await readWard(cache, id, now);
    if (ward.expired) return expired;
    await queueOfflineRead(cache, { action: "ward.view", at, wardId: id });
    for (const entry of ward.entries)
      await queueOfflineRead(cache, {
        action: "patient.view",
        at,
        stayId: entry.stayId,
        patientId: entry.patient.patientId,
        wardId: id,
      });
    return { kind: "ward", entries: ward.entries, asOf: ward.asOf };
  }
  if (section === "patients" && id) {
    const read = await readEntry(cache, id, now);
    if (read.expired) return expired;
    if (!read.entry) return { kind: "message", text: "This patient is not in the copy on this device." };
    await queueOfflineRead(cache, {
      action: "patient.view",
      at,
      stayId: id,
      patientId: read.entry.patient.patientId,
      wardId: read.entry.wardId,
    });
    return { kind: "patient", entry: read.entry };
  }
  const wards = await cachedWards(cache, now);
  return wards.expired ? expired : { kind: "wards", wards: wards.wards, asOf: wards.asOf };
}

export function OfflineApp() {
  const [view, setView] = useState<View>({ kind: "loading" });
  useEffect(() => {
    load(window.location.pathname).then(setView, (error: unknown) =>
      setView({
        kind: "message",
        text: isCacheError(error) ? error.message : "The copy on this device could not be read.",
      }),
    );
  }, []);
  if (view.kind === "loading") return <p role="status">Opening the copy on this device…</p>;
  if (view.kind === "message") return <p role="alert">{view.text}</p>;
  if (view.kind === "wards") {
    return (
      <section aria-label="Wards on this device" className="space-y-2">
        {view.asOf ? <FreshnessBadge asOf={view.asOf} /> : null}
        <ul className="space-y-2">
          {view.wards.map((ward) => (
            <li key={ward.wardId}>
              <a href={`/wards/${ward.wardId}`} className="underline">
                {ward.wardName}
              </a>{" "}
              ({ward.patients} patients)
            </li>
          ))}
        </ul>
      </section>
    );
  }
  if (view.kind === "ward") {
    return (
      <section aria-label="Ward list (offline copy)" className="space-y-2">
        <h2 className="text-xl font-semibold">{view.entries[0]?.wardName ?? "Ward"}</h2>
        {view.asOf ? <FreshnessBadge asOf={view.asOf} /> : null}
        <WardTable entries={view.entries} now={new Date()} />
      </section>
    );
  }
  const { entry } = view;
  return (
    <article className="space-y-1">
      <h2 className="text-2xl font-bold">{displayName(entry.patient)}</h2>
      <p className="text-lg">
        NHS <strong>{nhsNumberText(entry.patient.nhsNumber)}</strong> · MRN{" "}
        <strong>{entry.patient.mrn}</strong>
      </p>
      <p>
        {entry.wardName} · bed {entry.bed ?? "—"} · born {birthDateText(entry.patient.birthDate)} ·{" "}
        {entry.consultant ?? "no consultant"}
      </p>
    </article>
  );
}
