/**
 * The console's storage page as data: now per facility, the daily history and the purges per
 * day over the last `days` days, and last calendar month's GB-months. Days are UTC days.
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";
import { lastCalendarMonth } from "./gb-months";
import {
  type FacilityGbMonths,
  gbMonthsByFacility,
  type PurgeDay,
  purgesPerDay,
  type StorageDay,
  storageHistory,
  utcDay,
} from "./storage-history";
import { type FacilityStorageUsage, storageUsageByFacility } from "./storage-usage";

export interface StorageReport {
  /** Every UTC day of the window, oldest first. */
  days: string[];
  usage: FacilityStorageUsage[];
  history: StorageDay[];
  purges: PurgeDay[];
  billing: { month: string; facilities: FacilityGbMonths[] };
}

const dayMs = 86_400_000;

export async function storageReport(db: Queryable, now: Date, days = 90): Promise<StorageReport> {
  const today = Date.parse(`${utcDay(now)}T00:00:00Z`);
  const window = Array.from({ length: days }, (_, index) =>
    utcDay(new Date(today - (days - 1 - index) * dayMs)),
  );
  const month = lastCalendarMonth(now);
  const billing = await gbMonthsByFacility(db, month);
  return {
    days: window,
    usage: await storageUsageByFacility(db),
    history: await storageHistory(db, window[0]!, window.at(-1)!),
    purges: await purgesPerDay(db, new Date(Date.parse(`${window[0]}T00:00:00Z`)), new Date(today + dayMs)),
    billing: {
      month: billing[0]?.month ?? `${month.year}-${String(month.month).padStart(2, "0")}`,
      facilities: billing,
    },
  };
}
