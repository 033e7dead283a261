/**
 * The feed page's chart data: one point per minute of the last 24 hours (quiet minutes as 0, so
 * a silence shows as a flat line rather than a gap), the hourly roll-up that is its text
 * alternative, and the day's totals. AE includes the AE answered with 503.
 */
import type { MinuteCounts } from "./feed-history";

export interface FeedBuckets {
  x: number[];
  series: { AA: number[]; AE: number[]; AR: number[] };
  hours: { label: string; AA: number; AE: number; AR: number }[];
  totals: { AA: number; AE: number; AR: number; unavailable: number };
  summary: string;
}

export function feedChartData(minutes: readonly MinuteCounts[], since: Date, timeZone: string): FeedBuckets {
  const byMinute = new Map(minutes.map((entry) => [entry.minute.getTime(), entry.counts]));
  const x: number[] = [];
  const series = { AA: [] as number[], AE: [] as number[], AR: [] as number[] };
  const hours: FeedBuckets["hours"] = [];
  const totals = { AA: 0, AE: 0, AR: 0, unavailable: 0 };
  const hourLabel = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" });
  for (let i = 0; i < 24 * 60; i++) {
    const at = since.getTime() + i * 60_000;
    const counts = byMinute.get(at);
    const aa = counts?.AA ?? 0;
    const ae = (counts?.AE ?? 0) + (counts?.unavailable ?? 0);
    const ar = counts?.AR ?? 0;
    x.push(at / 1000);
    series.AA.push(aa);
    series.AE.push(ae);
    series.AR.push(ar);
    totals.AA += aa;
    totals.AE += ae;
    totals.AR += ar;
    totals.unavailable += counts?.unavailable ?? 0;
    if (i % 60 === 0) hours.push({ label: `${hourLabel.format(new Date(at))} onwards`, AA: 0, AE: 0, AR: 0 });
    const hour = hours.at(-1)!;
    hour.AA += aa;
    hour.AE += ae;
    hour.AR += ar;
  }
  const busiest = Math.max(...x.map((_, i) => series.AA[i]! + series.AE[i]! + series.AR[i]!));
  const summary =
    totals.AA + totals.AE + totals.AR === 0
      ? "No messages in the last 24 hours."
      : `${totals.AA} accepted, ${totals.AE} errors and ${totals.AR} rejected in the last 24 hours; at most ${busiest} in one minute.`;
  return { x, series, hours, totals, summary };
}
