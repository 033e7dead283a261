/**
 * The console's red banner while any feed source is silent (docs/design.md section 8): staff would
 * be reading an old list as current. A server component: no JavaScript on the page for it.
 */
import Link from "next/link";

export interface SilentFeedLine {
  source: string;
  label: string;
  silentSince: string;
  lastMessageAt: string | null;
  thresholdMinutes: number;
}

export function FeedSilenceBanner({
  silent,
  timeZone,
}: {
  silent: readonly SilentFeedLine[];
  timeZone: string;
}) {
  if (silent.length === 0) return null;
  const time = (iso: string) =>
    new Date(iso).toLocaleString("en-GB", { timeZone, dateStyle: "short", timeStyle: "short" });
  return (
    <div role="alert" aria-labelledby="feed-silent-title" className="-mx-4 bg-red-700 px-4 py-3 text-white">
      <p id="feed-silent-title" className="font-bold">
        Feed silent: the census may be out of date
      </p>
      <ul className="mt-1 list-disc pl-5 text-sm">
        {silent.map((feed) => (
          <li key={feed.source}>
            {feed.label}: no message{" "}
            {feed.lastMessageAt ? `since ${time(feed.lastMessageAt)}` : "for over 30 days"} (threshold{" "}
            {feed.thresholdMinutes} min).
          </li>
        ))}
      </ul>
      <p className="mt-1 text-sm">
        Check the integration engine.{" "}
        <Link href="/admin/feed" className="font-semibold underline">
          Feed health
        </Link>
      </p>
    </div>
  );
}
