/** The feed-silence alarm for the running app: its database and FEED_SILENCE_MINUTES. */
import "server-only";
import type { SilentSource } from "@/lib/ingest/feed-health/feed-silence";
import { getAppContext } from "./app-context";
import { feedSilence } from "./feed-silence-monitor";

export async function currentFeedSilence(): Promise<SilentSource[]> {
  const { db, config } = await getAppContext();
  return feedSilence(db, config.feedSilenceMinutes);
}

export { forgetFeedSilence } from "./feed-silence-monitor";
