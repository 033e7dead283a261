/**
 * Red, amber or green for each readiness figure of a ward (docs/design.md section 8), against the
 * thresholds an admin sets (readiness-thresholds.ts). Pure: no I/O. Percentages and PC counts are
 * green at or above their green bound; ages are green at or below theirs. A figure with nothing to
 * measure (no staff in scope, no ADT event, no document) is red: the ward is not ready on it.
 */

export type Rating = "green" | "amber" | "red";

export interface AtLeast {
  green: number;
  amber: number;
}

export interface ReadinessThresholds {
  /** % of staff in scope with an active phone sign-in credential. */
  enrolledPercent: AtLeast;
  /** % of staff in scope who signed in at least once in the last 30 days. */
  signedInPercent: AtLeast;
  /** Ward PCs seen (a launcher sign-in) in the last 24 hours. */
  wardPcsSeen: AtLeast;
  /** Hours since the ward's last ADT event: green at or below `green`, amber at or below `amber`. */
  adtAgeHours: AtLeast;
  /** Hours since the newest document of a patient on the ward. */
  documentAgeHours: AtLeast;
}

export const defaultReadinessThresholds: ReadinessThresholds = {
  enrolledPercent: { green: 80, amber: 50 },
  signedInPercent: { green: 80, amber: 50 },
  wardPcsSeen: { green: 2, amber: 1 },
  adtAgeHours: { green: 4, amber: 24 },
  documentAgeHours: { green: 24, amber: 72 },
};

export const thresholdLabels: Record<keyof ReadinessThresholds, string> = {
  enrolledPercent: "Enrolled for phone sign-in (%)",
  signedInPercent: "Signed in within 30 days (%)",
  wardPcsSeen: "Ward PCs seen in 24 hours",
  adtAgeHours: "Hours since the last ADT event",
  documentAgeHours: "Hours since the newest document",
};

/** Higher is better: percentages and counts. */
export function rateAtLeast(value: number | null, bounds: AtLeast): Rating {
  if (value === null) return "red";
  if (value >= bounds.green) return "green";
  return value >= bounds.amber ? "amber" : "red";
}

/** Lower is better: ages in hours. */
export function rateAtMost(value: number | null, bounds: AtLeast): Rating {
  if (value === null) return "red";
  if (value <= bounds.green) return "green";
  return value <= bounds.amber ? "amber" : "red";
}

/** Whole-number percentage, or null when there is nobody to count. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 100) / whole);
}

export function hoursSince(at: Date | null, now: Date): number | null {
  return at ? Math.max(0, (now.getTime() - at.getTime()) / 3_600_000) : null;
}

const order: Rating[] = ["green", "amber", "red"];

export function worst(ratings: readonly Rating[]): Rating {
  return ratings.reduce<Rating>(
    (acc, rating) => (order.indexOf(rating) > order.indexOf(acc) ? rating : acc),
    "green",
  );
}

/** Bounds that make sense: amber no better than green. */
export function thresholdProblem(thresholds: ReadinessThresholds): string | null {
  for (const key of ["enrolledPercent", "signedInPercent", "wardPcsSeen"] as const) {
    if (thresholds[key].amber > thresholds[key].green)
      return `${thresholdLabels[key]}: amber must not be above green`;
  }
  for (const key of ["adtAgeHours", "documentAgeHours"] as const) {
    if (thresholds[key].amber < thresholds[key].green)
      return `${thresholdLabels[key]}: amber must not be below green`;
  }
  return null;
}
