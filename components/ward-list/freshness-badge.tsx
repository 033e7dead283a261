"use client";
import { useEffect, useState } from "react";
import { ageText, freshness, timeText } from "@/lib/ward-list/format";
import { useAmberMinutes } from "./freshness-policy";

const styles = {
  fresh: "border-green-700 bg-green-50 text-green-900",
  stale: "border-amber-600 bg-amber-50 text-amber-900",
  old: "border-red-700 bg-red-50 text-red-900",
} as const;

/** "As of 14:32, 2 minutes ago · online", amber past the configured age, red when much older; ages by itself. */
export function FreshnessBadge({ asOf }: { asOf: string }) {
  const thresholdMinutes = useAmberMinutes();
  const [now, setNow] = useState(() => new Date());
  const [online, setOnline] = useState(true);
  useEffect(() => {
    setOnline(navigator.onLine);
    const tick = setInterval(() => setNow(new Date()), 15_000);
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      clearInterval(tick);
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  const asOfDate = new Date(asOf);
  const level = freshness(asOfDate, now, thresholdMinutes);
  return (
    <p
      role="status"
      data-freshness={level}
      data-as-of={asOfDate.toISOString()}
      className={`inline-block rounded border px-3 py-1 text-sm font-medium ${styles[level]}`}
    >
      As of {timeText(asOfDate)}, {ageText(asOfDate, now)} · {online ? "online" : "offline"}
    </p>
  );
}
