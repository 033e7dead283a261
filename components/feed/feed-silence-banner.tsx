import { type FeedAge, feedFor, feedLine, screenBanners } from "@/lib/ward-list/feed-age";
import { FeedBanners } from "./feed-banners";

/**
 * The feed's age on a page the server renders whole (print, search): the red banner when the
 * facility's feed is silent, and when it last sent a message. No hooks, so a server page renders
 * it with the feed ages it read (`readFeedAges`, lib/census/feed-ages.ts); it does not age by
 * itself, which suits paper and a page of search results.
 */
export function FeedSilenceBanner({
  feeds,
  facilityCode,
  now,
  subject,
}: {
  feeds: readonly FeedAge[];
  /** The page's facility; null for a page of several sites (the oldest feed counts). */
  facilityCode: string | null;
  now: Date;
  /** What may be out of date: "this list", "these results". */
  subject: string;
}) {
  const feed = feedFor(feeds, facilityCode);
  const at = now.toISOString();
  const banners = screenBanners({
    feed,
    serverTime: at,
    reach: "reached",
    savedAt: at,
    amberMinutes: 15,
    now,
    subject,
  });
  return (
    <div className="space-y-1">
      <FeedBanners banners={banners} />
      <p className="text-sm">{feedLine(feed, now)}</p>
    </div>
  );
}
