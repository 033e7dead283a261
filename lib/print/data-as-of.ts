/**
 * "Data as of" on paper is the feed's age: when the facility's feed last delivered an ADT message
 * (lib/ward-list/feed-age.ts), not when the page was printed, so a list printed from a silent feed
 * says how old it really is. Pure; en-GB, Europe/London.
 */
import { clockText, type FeedAge } from "@/lib/ward-list/feed-age";

export function dataAsOfText(feed: FeedAge | null, now: Date): string {
  if (!feed) return "Data as of: not known (no feed for this site)";
  if (!feed.lastMessageAt) return "Data as of: no update from the hospital system yet";
  return `Data as of ${clockText(feed.lastMessageAt, now)} (last update from the hospital system)`;
}
