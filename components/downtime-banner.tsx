import type { DowntimeStatus } from "@/lib/settings/downtime-switch";
import { dateText, timeText } from "@/lib/ward-list/format";

/**
 * Shown to every signed-in user on every page while an admin has declared downtime (root
 * layout): the reason and since when, so staff know the EPR is officially down and to use the
 * paper procedures. A server component: it adds no script to any page.
 */
export function DowntimeBanner({ status }: { status: DowntimeStatus }) {
  return (
    <div role="status" aria-label="Downtime" className="bg-red-800 px-4 py-2 text-center text-white">
      <strong>Downtime declared</strong>
      {status.since ? ` since ${dateText(status.since)} ${timeText(status.since)}` : ""}
      {status.reason ? <>: {status.reason}</> : null}. Use the downtime procedures.
    </div>
  );
}
