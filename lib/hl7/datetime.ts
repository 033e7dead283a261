import { AppError } from "@/lib/errors";

/**
 * HL7 v2 date/time values: DTM `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]` (v2.5 chapter 2A, data
 * type DTM) and the older TS, a DTM plus the withdrawn "degree of precision" component, which we ignore.
 * Without an offset the value is in the sender's local time zone (DTM definition), which for us is a
 * configured IANA zone (default Europe/London), resolved through Intl so BST/GMT changes are handled
 * without a library. Invalid values give null; the mapper decides whether that is fatal.
 * Dates of birth (DT, or DTM to day precision) should use parseHl7Date, which involves no time zone.
 */

export const DEFAULT_TIME_ZONE = "Europe/London";

export type Hl7Precision = "year" | "month" | "day" | "hour" | "minute" | "second" | "fraction";

export interface Hl7DateTime {
  readonly date: Date;
  readonly precision: Hl7Precision;
  /** True when the value carried its own +/-ZZZZ offset. */
  readonly hasOffset: boolean;
}

const DTM =
  /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?([+-]\d{4})?$/;
const PRECISIONS: readonly Hl7Precision[] = ["year", "month", "day", "hour", "minute", "second", "fraction"];
const MINUTE = 60_000;
const DAY = 86_400_000;

export function parseHl7DateTimeDetailed(
  value: string,
  options: { timeZone?: string } = {},
): Hl7DateTime | null {
  const match = DTM.exec(value.split("^")[0]?.trim() ?? "");
  if (!match) return null;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", fraction, offset] = match;
  const parts = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear keeps them literal.
  const wall = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis)).setUTCFullYear(year);

  let instant: number;
  if (offset !== undefined) {
    const offsetHours = Number(offset.slice(1, 3));
    const offsetMinutes = Number(offset.slice(3, 5));
    if (offsetHours > 14 || offsetMinutes > 59) return null;
    const sign = offset.startsWith("-") ? -1 : 1;
    instant = wall - sign * (offsetHours * 60 + offsetMinutes) * MINUTE;
  } else {
    instant = zonedWallTimeToInstant(wall, options.timeZone ?? DEFAULT_TIME_ZONE);
  }
  const precisionIndex = match.slice(1, 8).filter((part) => part !== undefined).length - 1;
  return {
    date: new Date(instant),
    precision: PRECISIONS[precisionIndex] ?? "year",
    hasOffset: offset !== undefined,
  };
}

/** The instant of an HL7 DTM/TS value, or null when it is not one. */
export function parseHl7DateTime(value: string, options: { timeZone?: string } = {}): Date | null {
  return parseHl7DateTimeDetailed(value, options)?.date ?? null;
}

/**
 * A calendar date (DT, or the date part of a DTM such as PID-7 date of birth) as "YYYY-MM-DD",
 * with no time zone arithmetic: a birth date must not move a day because of BST. Null when invalid or
 * less precise than a day.
 */
export function parseHl7Date(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(value.split("^")[0]?.trim() ?? "");
  const detailed = parseHl7DateTimeDetailed(value, { timeZone: "UTC" });
  if (!match || detailed === null) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** Formats an instant as a DTM in UTC with an explicit +0000 offset, e.g. for ACK MSH-7. */
export function formatHl7Timestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return (
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    "+0000"
  );
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/**
 * Converts a wall-clock time (encoded as if it were UTC) in `timeZone` to an instant. Around a change
 * it behaves like Temporal's "compatible" disambiguation: a time repeated when clocks go back (01:30 on
 * the last Sunday of October in London) is the earlier instant (BST); a time skipped when clocks go
 * forward (01:30 on the last Sunday of March) is moved forward by the gap (02:30 BST).
 */
export function zonedWallTimeToInstant(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wall - offsetAt(instant, timeZone) === instant)
    .sort((a, b) => a - b);
  return candidates[0] ?? wall - before;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch (cause) {
      throw new AppError("internal", `Unknown IANA time zone "${timeZone}"`, { cause });
    }
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
  const year = parts.era === "BC" ? 1 - Number(parts.year) : Number(parts.year);
  const asUtc = new Date(
    Date.UTC(2000, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)),
  ).setUTCFullYear(year);
  const seconds = Number(parts.second);
  return asUtc + seconds * 1000 - Math.floor(instant / 1000) * 1000;
}
