"use client";
import Link from "next/link";
import type { CacheIdentity } from "@/lib/offline/offline-identity";
import { FreshnessBadge } from "../ward-list/freshness-badge";
import { PatientDetails } from "./patient-details";
import { usePatientView } from "./use-patient-view";

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
  const server = outcome.kind === "ok" ? outcome.server : null;
  const problem = outcome.kind === "failed" ? outcome.error : null;
  const refused = problem !== null && problem.kind !== "unreachable";
  const fromDevice = !server && !refused && device.kind === "found" ? device : null;

  if (refused) return <p role="alert">{problem.message}</p>;
  if (!server && !fromDevice) {
    if (outcome.kind === "pending" || device.kind === "reading")
      return <p role="status">Opening the patient…</p>;
    return (
      <p role="alert">
        {device.kind === "expired"
          ? "The copy on this device is too old to show safely. Reconnect to refresh it."
          : "The server cannot be reached and this patient is not saved on this device."}
      </p>
    );
  }
  const record = server ? server.record : fromDevice!.entry;
  // An unchanged change token since the record was read confirms it as of that check.
  const asOf = server
    ? confirmedAt && confirmedAt > server.asOf
      ? confirmedAt
      : server.asOf
    : fromDevice!.asOf;
  const wardId = server ? server.record.wardId : fromDevice!.entry.wardId;
  return (
    <article className="space-y-4">
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
        freshness={
          <div className="flex flex-wrap items-center gap-2">
            <FreshnessBadge asOf={asOf} />
            {fromDevice ? (
              <span className="text-sm text-slate-700">
                Copy saved on this device
                {problem ? " · the server cannot be reached" : " · checking the server…"}
              </span>
            ) : null}
          </div>
        }
      />
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        {server ? (
          <Link href={`/patients/${stayId}/print`} className="underline">
            Print patient summary
          </Link>
        ) : null}
        {wardId ? (
          <Link href={`/wards/${wardId}`} className="underline">
            Back to {record.wardName}
          </Link>
        ) : null}
      </p>
    </article>
  );
}
