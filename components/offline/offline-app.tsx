"use client";
/**
 * The app with no signal: the service worker serves /offline for any page that cannot load, at
 * the address the user asked for, and this draws that page from the encrypted copy on the
 * device with the same views the online pages use (they try the server too, and queue every
 * patient shown for the audit log while it cannot be reached).
 */
import { useEffect, useState } from "react";
import { FeedStatus } from "@/components/feed/feed-status";
import { DocumentViewer } from "@/components/patient/document-viewer";
import { PatientView } from "@/components/patient/patient-view";
import { WardListView } from "@/components/ward-list/ward-list-view";
import { isCacheError } from "@/lib/offline/cache-error";
import { type CacheIdentity, cacheIdentity } from "@/lib/offline/offline-identity";
import { type CachedWard, cachedWards, openWardCache } from "@/lib/offline/ward-cache";
import { DeviceStorage } from "./device-storage";
import { useReturnWhenReachable } from "./use-return-when-reachable";

type Route =
  | { kind: "loading" }
  | { kind: "ward"; wardId: string; identity: CacheIdentity | null }
  | { kind: "patient"; stayId: string; identity: CacheIdentity | null }
  | { kind: "document"; stayId: string; documentId: string; identity: CacheIdentity | null }
  | { kind: "index"; identity: CacheIdentity | null };

function WardIndex({ identity }: { identity: CacheIdentity | null }) {
  const [state, setState] = useState<
    | { kind: "loading" }
    | { kind: "message"; text: string }
    | { kind: "wards"; wards: CachedWard[]; asOf: string | null }
  >({ kind: "loading" });
  useEffect(() => {
    if (!identity) {
      setState({
        kind: "message",
        text: "No wards are saved on this device. Sign in while online to save your wards.",
      });
      return;
    }
    openWardCache(identity)
      .then(async (cache) => {
        try {
          return await cachedWards(cache, Date.now());
        } finally {
          cache.db.close();
        }
      })
      .then(
        (read) =>
          setState(
            read.expired
              ? {
                  kind: "message",
                  text: "The copy on this device is too old to show safely. Reconnect to refresh it.",
                }
              : { kind: "wards", wards: read.wards, asOf: read.asOf },
          ),
        (error: unknown) =>
          setState({
            kind: "message",
            text: isCacheError(error) ? error.message : "The copy on this device could not be read.",
          }),
      );
  }, [identity]);
  if (state.kind === "loading") return <p role="status">Opening the copy on this device…</p>;
  if (state.kind === "message") return <p role="alert">{state.text}</p>;
  return (
    <section aria-label="Wards on this device" className="space-y-2">
      <DeviceStorage />
      {state.asOf ? <FeedStatus facilityCode={null} savedAt={state.asOf} subject="these lists" /> : null}
      <ul className="space-y-2">
        {state.wards.map((ward) => (
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

export function OfflineApp() {
  const [route, setRoute] = useState<Route>({ kind: "loading" });
  useEffect(() => {
    const identity = cacheIdentity();
    const [, section, id, sub, subId] = window.location.pathname.split("/");
    if (section === "patients" && id && sub === "documents" && subId)
      setRoute({ kind: "document", stayId: id, documentId: subId, identity });
    else if (section === "wards" && id) setRoute({ kind: "ward", wardId: id, identity });
    else if (section === "patients" && id) setRoute({ kind: "patient", stayId: id, identity });
    else setRoute({ kind: "index", identity });
  }, []);
  // Back in reach: load the real page at this address (the views would update, but the page
  // around them still says "You are offline").
  useReturnWhenReachable();
  if (route.kind === "loading") return <p role="status">Opening the copy on this device…</p>;
  if (route.kind === "ward")
    return <WardListView wardId={route.wardId} identity={route.identity} showWardName />;
  if (route.kind === "document")
    return <DocumentViewer stayId={route.stayId} documentId={route.documentId} identity={route.identity} />;
  if (route.kind === "patient")
    return <PatientView stayId={route.stayId} identity={route.identity} headingLevel={2} />;
  return <WardIndex identity={route.identity} />;
}
