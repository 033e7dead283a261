/** How the ward list shows people and times (pure; en-GB, Europe/London). */
import { formatNhsNumber } from "@/lib/adt/nhs-number";

/** Whole years between a YYYY-MM-DD birth date and now. */
export function ageInYears(birthDate: string | null, now: Date): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age--;
  return age;
}

/** "SURNAME, Given" as wristbands and UK ward lists print it. */
export function displayName(patient: { familyName: string; givenNames: string | null }): string {
  return patient.givenNames
    ? `${patient.familyName.toUpperCase()}, ${patient.givenNames}`
    : patient.familyName.toUpperCase();
}

export function nhsNumberText(nhsNumber: string | null): string {
  return nhsNumber ? formatNhsNumber(nhsNumber) : "—";
}

/** Days since admission, counting the admission day as day 0 (as bed managers do). */
export function lengthOfStayDays(admittedAt: string | null, now: Date): number | null {
  if (!admittedAt) return null;
  return Math.max(0, Math.floor((now.getTime() - new Date(admittedAt).getTime()) / 86_400_000));
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "2-digit",
  month: "short",
  year: "numeric",
  timeZone: "Europe/London",
});
const timeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

export function dateText(value: string | Date | null): string {
  return value ? dateFormat.format(new Date(value)) : "—";
}

export function timeText(value: string | Date): string {
  return timeFormat.format(new Date(value));
}

export function birthDateText(birthDate: string | null): string {
  return birthDate ? dateFormat.format(new Date(`${birthDate}T12:00:00Z`)) : "—";
}

export type Freshness = "fresh" | "stale" | "old";

/** Amber past the threshold (default 15 min), red past four times it. */
export function freshness(asOf: Date, now: Date, thresholdMinutes = 15): Freshness {
  const minutes = (now.getTime() - asOf.getTime()) / 60_000;
  if (minutes > thresholdMinutes * 4) return "old";
  return minutes > thresholdMinutes ? "stale" : "fresh";
}

/** "just now", "2 minutes ago", "3 hours ago". */
export function ageText(asOf: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - asOf.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.floor(minutes / 60);
  return `${hours} hour${hours === 1 ? "" : "s"} ago`;
}
