import { publishedAlerts, splitAlerts } from "@/lib/alerts/alert-risk";
import { HighRiskFlag, RoutineFlag } from "./high-risk-flag";

/** A patient's alerts: high-risk ones first with their label, routine flags after and quieter. */
export function AlertList({
  published,
  part = "all",
  empty = null,
}: {
  published: Readonly<Record<string, unknown>>;
  /** Only the high-risk alerts, only the routine ones, or both. */
  part?: "all" | "high" | "routine";
  empty?: React.ReactNode;
}) {
  const { high, routine } = splitAlerts(publishedAlerts(published));
  const shownHigh = part === "routine" ? [] : high;
  const shownRoutine = part === "high" ? [] : routine;
  if (shownHigh.length === 0 && shownRoutine.length === 0) return <>{empty}</>;
  return (
    // Spans, not a list: a ward list card is a list item, and its flags are not items of it.
    <span className="inline-flex flex-wrap gap-1">
      {shownHigh.map((alert) => (
        <HighRiskFlag key={`high-${alert.text}`} text={alert.text} category={alert.category} />
      ))}
      {shownRoutine.map((alert) => (
        <RoutineFlag key={`routine-${alert}`} text={alert} />
      ))}
    </span>
  );
}
