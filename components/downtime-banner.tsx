"use client";
/**
 * Shown to every signed-in user on every page while an admin has declared downtime: the reason
 * and since when, so staff know the EPR is officially down and to use the downtime procedures.
 * The root layout renders it with the state it read, so it is there on the first paint; a screen
 * left open (a ward list on a ward PC, for hours) asks `/api/downtime` every 30 s, and when the
 * tab comes back into view, so the banner appears and goes without a reload. A failed check
 * keeps what is shown.
 */
import { useEffect, useState } from "react";
import { dateText, timeText } from "@/lib/ward-list/format";

export interface DowntimeBannerState {
  declared: boolean;
  /** ISO time. */
  since?: string | null;
  reason?: string | null;
}

const checkEveryMs = 30_000;

export function DowntimeBanner({ initial }: { initial: DowntimeBannerState }) {
  const [status, setStatus] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      if (document.visibilityState === "hidden") return;
      try {
        const response = await fetch("/api/downtime", { cache: "no-store" });
        if (response.status === 401) stopped = true;
        if (!response.ok) return;
        const body = (await response.json()) as DowntimeBannerState;
        if (!stopped && typeof body.declared === "boolean") setStatus(body);
      } catch {
        // Offline or unreachable: keep what is shown.
      }
    };
    const timer = setInterval(() => {
      if (!stopped) void check();
    }, checkEveryMs);
    const onVisible = () => {
      if (!stopped && document.visibilityState === "visible") void check();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);
  if (!status.declared) return null;
  return (
    <div role="status" aria-label="Downtime" className="bg-red-800 px-4 py-2 text-center text-white">
      <strong>Downtime declared</strong>
      {status.since ? ` since ${dateText(status.since)} ${timeText(status.since)}` : ""}
      {status.reason ? <>: {status.reason}</> : null}. Use the downtime procedures.
    </div>
  );
}
