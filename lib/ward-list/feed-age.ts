/**
 * How old a staff screen's data is, told as two separate facts (docs/design.md section 7): when
 * the facility's feed last delivered an ADT message (the hospital system), and whether this device
 * reached Downtime just now. A silent feed is the most dangerous failure: the server answers, so
 * everything looks current, while the census stopped changing. Pure; en-GB, Europe/London.
 */
import { ageText, dateText, type Freshness, freshness, timeText } from "./format";

/** One facility's feed as the server reads it (lib/census/feed-ages.ts); no patient data. */
export interface FeedAge {
  facilityCode: string;
  /** When its latest census message arrived; null when none ever has. */
  lastMessageAt: string | null;
  /** Minutes without a message before screens call the feed silent (FEED_SILENCE_MINUTES). */
  silenceMinutes: number;
}

/** `checking`: no request has answered or failed yet on this screen. */
export type Reach = "reached" | "unreachable" | "checking";

/**
 * Silent past the threshold, or when nothing ever arrived. Measured against the later of the
 * device's clock and the server's time at its last answer, so a device clock set behind cannot
 * hide a silent feed while the server answers.
 */
export function feedSilent(feed: FeedAge, now: Date, serverTime: string | null = null): boolean {
  if (feed.lastMessageAt === null) return true;
  const latest = Math.max(now.getTime(), serverTime ? Date.parse(serverTime) : 0);
  return latest - Date.parse(feed.lastMessageAt) > feed.silenceMinutes * 60_000;
}

/** "14:02", or "14:02 on 03 Dec 2026" when not today. */
export function clockText(at: string | Date, now: Date): string {
  const day = dateText(at);
  return day === dateText(now) ? timeText(at) : `${timeText(at)} on ${day}`;
}

/** The feed a screen shows: its facility's, or (`null`, a screen of several sites) the oldest. */
export function feedFor(feeds: readonly FeedAge[], facilityCode: string | null): FeedAge | null {
  if (facilityCode !== null) return feeds.find((feed) => feed.facilityCode === facilityCode) ?? null;
  const age = (feed: FeedAge) => (feed.lastMessageAt ? Date.parse(feed.lastMessageAt) : 0);
  return feeds.reduce<FeedAge | null>(
    (oldest, feed) => (!oldest || age(feed) < age(oldest) ? feed : oldest),
    null,
  );
}

/** Later message times win: two answers about one feed never make it look older. */
export function mergeFeeds(held: readonly FeedAge[], incoming: readonly FeedAge[]): FeedAge[] {
  const byCode = new Map(held.map((feed) => [feed.facilityCode, feed]));
  for (const feed of incoming) {
    const before = byCode.get(feed.facilityCode);
    const keep = before?.lastMessageAt && (!feed.lastMessageAt || before.lastMessageAt > feed.lastMessageAt);
    byCode.set(feed.facilityCode, keep ? { ...feed, lastMessageAt: before.lastMessageAt } : feed);
  }
  return [...byCode.values()];
}

export interface ScreenState {
  /** The screen's facility feed; null while not known yet. */
  feed: FeedAge | null;
  /** The server's time at its last answer carrying feeds (or the saved copy's). */
  serverTime: string | null;
  reach: Reach;
  /** When the data on screen was read, or last confirmed unchanged, by the server. */
  savedAt: string;
  /** FRESHNESS_AMBER_MINUTES: an unconfirmed copy is amber past it, red past four times it. */
  amberMinutes: number;
  now: Date;
  /** What may be out of date: "this list", "this record". */
  subject: string;
}

export interface Banner {
  kind: "unreachable" | "silent";
  tone: "amber" | "red";
  text: string;
}

/** How old the copy on screen is: confirmed just now while the server answers. */
export function copyFreshness(state: ScreenState): Freshness {
  return freshness(new Date(state.savedAt), state.now, state.amberMinutes);
}

/** The full-width banners a screen must show, most urgent first; none when all is well. */
export function screenBanners(state: ScreenState): Banner[] {
  const banners: Banner[] = [];
  const { feed, now } = state;
  if (feed && feedSilent(feed, now, state.serverTime)) {
    const since = feed.lastMessageAt
      ? `since ${clockText(feed.lastMessageAt, now)}`
      : "have arrived for this site";
    banners.push({
      kind: "silent",
      tone: "red",
      text: `No updates from the hospital system ${since} — ${state.subject} may be out of date`,
    });
  }
  if (state.reach === "unreachable") {
    banners.push({
      kind: "unreachable",
      tone: copyFreshness(state) === "old" ? "red" : "amber",
      text: `Can't reach Downtime — showing the copy saved at ${clockText(state.savedAt, now)}`,
    });
  }
  return banners;
}

/** "Last update from the hospital system 14:31 (2 minutes ago)". */
export function feedLine(feed: FeedAge | null, now: Date): string {
  if (!feed) return "Checking when the hospital system last sent an update";
  if (!feed.lastMessageAt) return "No update from the hospital system yet";
  const at = feed.lastMessageAt;
  return `Last update from the hospital system ${clockText(at, now)} (${ageText(new Date(at), now)})`;
}

/** The quiet line under the heading: the feed's last message, then this device's connection. */
export function statusLine(state: ScreenState): string {
  const { now, savedAt } = state;
  const feedPart = feedLine(state.feed, now);
  // Reached: the poll confirms the copy every few seconds, so its age says nothing more (and a
  // device clock set wrong would make "checked 15 minutes ago" of a check made just now).
  const reachPart =
    state.reach === "reached"
      ? "connected to Downtime"
      : `${state.reach === "unreachable" ? "can't reach Downtime" : "contacting Downtime"}, copy saved ${clockText(savedAt, now)} (${ageText(new Date(savedAt), now)})`;
  return `${feedPart} · ${reachPart}`;
}
