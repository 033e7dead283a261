"use client";
import Link from "next/link";
import { useRef } from "react";
import type { CacheIdentity } from "@/lib/offline/offline-identity";
import { placeText } from "@/lib/ward-list/bed-place";
import { FeedStatus } from "../feed/feed-status";
import { DeviceStorage } from "../offline/device-storage";
import { DepartureNotice } from "./departure-notice";
import { PatientDetails } from "./patient-details";
import { usePatientView } from "./use-patient-view";

const toWardList = (
  <Link href="/" className="underline">
    Back to your ward list
  </Link>
);

/** The patient screen, online and offline: the device copy at once, the server's record when it answers. */
export function PatientView({
  stayId,
  identity,
  headingLevel = 1,
}: {
  stayId: string;
  identity: CacheIdentity | null;
  headingLevel?: 1 | 2;
}) {
  const { device, outcome, confirmedAt } = usePatientView(stayId, identity);
  // The ward this screen first showed the patient on: a later answer naming another is a move.
  const openedOn = useRef<{ wardId: string; wardName: string } | null>(null);
  const server = outcome.kind === "ok" ? outcome.server : null;
  const problem = outcome.kind === "failed" ? outcome.error : null;
  const refused = problem !== null && problem.kind !== "unreachable";
  const fromDevice = !server && !refused && device.kind === "found" ? device : null;

  // Never a dead end: whatever cannot be shown, the way back to the ward list is offered.
  if (server?.departure) return <DepartureNotice departure={server.departure} />;
  if (refused)
    return (
      <div className="space-y-2">
        <p role="alert">{problem.message}</p>
        {toWardList}
      </div>
    );
  if (!server && !fromDevice) {
    if (outcome.kind === "pending" || device.kind === "reading")
      return <p role="status">Opening the patient…</p>;
    return (
      <div className="space-y-2">
        <p role="alert">
          {device.kind === "expired"
            ? "The copy on this device is too old to show safely. Reconnect to refresh it."
            : "The server cannot be reached and this patient is not saved on this device."}
        </p>
        {toWardList}
      </div>
    );
  }
  const record = server ? server.record : fromDevice!.entry;
  // An unchanged change token since the record was read confirms it as of that check.
  const asOf = server
    ? confirmedAt && confirmedAt > server.asOf
      ? confirmedAt
      : server.asOf
    : fromDevice!.asOf;
  const ward = record.wardId && record.wardName ? { wardId: record.wardId, wardName: record.wardName } : null;
  openedOn.current ??= ward;
  const opened = openedOn.current;
  const moved = ward && opened && ward.wardId !== opened.wardId ? ward : null;
  return (
    <article className="space-y-4">
      {moved ? (
        <div
          role="alert"
          className="rounded border-2 border-amber-700 bg-amber-100 p-3 font-bold text-amber-950"
        >
          <p>
            Moved to {moved.wardName}
            {record.bed || record.room ? `, ${placeText(record)}` : ""}
          </p>
          <Link href={`/wards/${moved.wardId}`} className="underline">
            Open the {moved.wardName} list
          </Link>
        </div>
      ) : null}
      {server?.record.access === "break-glass" ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 font-semibold text-red-900">
          Break-glass access: this patient is outside your wards. Your access is recorded for information
          governance.
        </p>
      ) : null}
      <PatientDetails
        record={record}
        online={server !== null}
        headingLevel={headingLevel}
        freshness={<FeedStatus facilityCode={record.facilityCode} savedAt={asOf} subject="this record" />}
      />
      <DeviceStorage documentIds={record.documents.map((document) => document.documentId)} />
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        {server ? (
          <Link href={`/patients/${stayId}/print`} className="underline">
            Print patient summary
          </Link>
        ) : null}
        {opened ? (
          <Link href={`/wards/${opened.wardId}`} className="underline">
            Back to {opened.wardName}
          </Link>
        ) : (
          toWardList
        )}
      </p>
    </article>
  );
}
