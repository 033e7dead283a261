import { accessKindLabel } from "@/lib/audit/access-kinds";
import type { AuditRow } from "@/lib/audit/audit-queries";

export interface AuditReportTableProps {
  rows: readonly AuditRow[];
  /** Ward names by id (the audit keeps ids only). */
  wardNames: ReadonlyMap<string, string>;
  /** Patient ids a purge removed, with the day it ran (the identifiers are gone). */
  purgedOn: ReadonlyMap<string, string>;
  timeZone: string;
}

const via: Record<string, string> = {
  "ward-list": "ward list",
  "patient-record": "patient record",
  print: "print",
  "print-pack": "documents pack",
  sync: "sent to device copy",
  "device-report": "offline read (device report)",
};

/** One IG report page: the audit rows in the order they happened (keyset order, so not re-sortable). */
export function AuditReportTable({ rows, wardNames, purgedOn, timeZone }: AuditReportTableProps) {
  const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone });
  if (rows.length === 0) return <p>No events match.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Audit events, oldest first</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            <th scope="col" className="p-2">
              When
            </th>
            <th scope="col" className="p-2">
              Action
            </th>
            <th scope="col" className="p-2">
              How
            </th>
            <th scope="col" className="p-2">
              Outcome
            </th>
            <th scope="col" className="p-2">
              User
            </th>
            <th scope="col" className="p-2">
              Device
            </th>
            <th scope="col" className="p-2">
              Patient
            </th>
            <th scope="col" className="p-2">
              Ward
            </th>
            <th scope="col" className="p-2">
              Reason
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const purged = row.patientId ? purgedOn.get(row.patientId) : undefined;
            return (
              <tr key={row.id} className="border-b border-slate-200 align-top">
                <td className="whitespace-nowrap p-2">
                  {when.format(new Date(row.occurredAt))}
                  {row.recordedAt.slice(0, 16) !== row.occurredAt.slice(0, 16) ? (
                    <span className="block text-xs text-slate-600">
                      recorded {when.format(new Date(row.recordedAt))}
                    </span>
                  ) : null}
                </td>
                <td className="p-2">
                  <span className="font-mono text-xs">{row.action}</span>
                  {accessKindLabel(row.action, row.via) ? (
                    <span className="block text-xs text-slate-700">
                      {accessKindLabel(row.action, row.via)}
                    </span>
                  ) : null}
                </td>
                <td className="p-2">
                  {row.via ? (via[row.via] ?? row.via) : "—"}
                  {row.offline ? (
                    <span className="ml-1 rounded bg-amber-100 px-1 text-xs">offline</span>
                  ) : null}
                  {row.breakGlass ? (
                    <span className="ml-1 rounded bg-red-100 px-1 text-xs">break-glass</span>
                  ) : null}
                </td>
                <td className="p-2">{row.outcome}</td>
                <td className="p-2">{row.username ?? "—"}</td>
                <td className="p-2">
                  {row.method ?? "—"}
                  {row.deviceId ? ` · ${row.deviceId}` : ""}
                </td>
                <td className="p-2">
                  {row.mrn ? (
                    <>
                      MRN {row.mrn}
                      {row.nhsNumber ? <span className="block">NHS {row.nhsNumber}</span> : null}
                    </>
                  ) : purged ? (
                    <span>identifiers removed by purge on {purged}</span>
                  ) : row.patientId ? (
                    <span className="font-mono text-xs">{row.patientId.slice(0, 8)}…</span>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="p-2">{row.wardId ? (wardNames.get(row.wardId) ?? "—") : "—"}</td>
                <td className="max-w-64 break-words p-2">{row.reason ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
