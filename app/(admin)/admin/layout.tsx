import type { ReactNode } from "react";
import { ConsoleNav } from "@/components/admin/console-nav";
import { FeedSilenceBanner, type SilentFeedLine } from "@/components/admin/feed/feed-silence-banner";
import { consoleSectionsFor } from "@/lib/access/console-sections";
import { getConfig } from "@/lib/env";
import { currentFeedSilence } from "@/lib/runtime/current-feed-silence";
import { currentPrincipal } from "@/lib/server/auth/current-principal";

/** The silent feeds, from the process's shared evaluation (at most 15 s old: one small query). */
async function silentFeeds(): Promise<SilentFeedLine[]> {
  try {
    return (await currentFeedSilence()).map((silent) => ({
      source: silent.source,
      label: silent.label,
      silentSince: silent.silentSince.toISOString(),
      lastMessageAt: silent.lastMessageAt?.toISOString() ?? null,
      thresholdMinutes: silent.thresholdMinutes,
    }));
  } catch {
    // The database is down: each page says so itself; the banner is for a feed gone quiet.
    return [];
  }
}

/**
 * The console's frame: the red feed-silence banner on every page while any source is silent, and
 * the navigation. Navigation only: every page under it declares and checks its own policy (a
 * layout does not run before its pages, so it cannot be the guard).
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await currentPrincipal().catch(() => null);
  const sections = principal ? consoleSectionsFor(principal.roles) : [];
  const silent = sections.length > 0 ? await silentFeeds() : [];
  return (
    <div className="console-frame min-w-0 space-y-6">
      <FeedSilenceBanner silent={silent} timeZone={getConfig().timeZone} />
      {sections.length > 0 ? <ConsoleNav sections={sections} /> : null}
      {children}
    </div>
  );
}
