/**
 * The figure storage is billed on: GB-months for one calendar month (UTC), from the daily history
 * the purge runner writes (storage_daily). Pure, so the formula is tested on its own.
 *
 *   GB-months = (sum over the month's recorded days of bytes_d / 10^9) / days in the month
 *
 * which is the average of the daily stored bytes, in decimal GB (10^9 bytes, the GB AWS bills S3
 * in), held for one month. A day without a history row is listed as missing and adds nothing: it
 * is not interpolated, so a month with missing days gives a lower bound, and says so.
 */

export const bytesPerGb = 1_000_000_000;

export interface CalendarMonth {
  year: number;
  /** 1 to 12. */
  month: number;
}

export interface GbMonths {
  /** "YYYY-MM". */
  month: string;
  daysInMonth: number;
  recordedDays: number;
  /** "YYYY-MM-DD", in order. */
  missingDays: string[];
  gbMonths: number;
  /** Every day of the month has a row: the figure is the whole month's. */
  complete: boolean;
}

/** The calendar month before the one `now` falls in, in UTC. */
export function lastCalendarMonth(now: Date): CalendarMonth {
  const month = now.getUTCMonth(); // 0-based: this month; as 1-based, last month
  return month === 0 ? { year: now.getUTCFullYear() - 1, month: 12 } : { year: now.getUTCFullYear(), month };
}

export function daysOf({ year, month }: CalendarMonth): string[] {
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = `${year}-${String(month).padStart(2, "0")}`;
  return Array.from({ length: count }, (_, index) => `${prefix}-${String(index + 1).padStart(2, "0")}`);
}

/** `bytesByDay`: stored bytes per "YYYY-MM-DD"; days outside the month are ignored. */
export function gbMonths(month: CalendarMonth, bytesByDay: ReadonlyMap<string, number>): GbMonths {
  const days = daysOf(month);
  let byteDays = 0;
  const missingDays: string[] = [];
  for (const day of days) {
    const bytes = bytesByDay.get(day);
    if (bytes === undefined) missingDays.push(day);
    else byteDays += bytes;
  }
  return {
    month: days[0]!.slice(0, 7),
    daysInMonth: days.length,
    recordedDays: days.length - missingDays.length,
    missingDays,
    gbMonths: byteDays / bytesPerGb / days.length,
    complete: missingDays.length === 0,
  };
}

const dayMs = 86_400_000;

/** "2026-11-02 to 2026-11-05, 2026-11-09": missing days as ranges, for a sentence. */
export function dayRanges(days: readonly string[]): string {
  const ranges: string[] = [];
  let start: string | undefined;
  let previous: string | undefined;
  const flush = () => {
    if (start) ranges.push(start === previous ? start : `${start} to ${previous}`);
  };
  for (const day of days) {
    if (previous && Date.parse(`${day}T00:00:00Z`) - Date.parse(`${previous}T00:00:00Z`) === dayMs) {
      previous = day;
      continue;
    }
    flush();
    start = day;
    previous = day;
  }
  flush();
  return ranges.join(", ");
}
