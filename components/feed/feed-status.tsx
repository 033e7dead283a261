"use client";
import { useEffect, useState, useSyncExternalStore } from "react";
import { connectionStatus, subscribeConnection } from "@/lib/offline/connection-status";
import {
  copyFreshness,
  feedFor,
  type ScreenState,
  screenBanners,
  statusLine,
} from "@/lib/ward-list/feed-age";
import { useAmberMinutes } from "../ward-list/freshness-policy";
import { FeedBanners } from "./feed-banners";

/**
 * How old a live screen's data is (lib/ward-list/feed-age.ts): the banners for a silent feed or an
 * unreachable server, and the line saying when the facility's feed last sent a message and whether
 * this device reached Downtime. Fed by every request the screens make (connection-status.ts);
 * ages by itself.
 */
export function FeedStatus({
  facilityCode,
  savedAt,
  subject,
}: {
  /** The screen's facility; null for a screen of several (the oldest feed counts). */
  facilityCode: string | null;
  /** When the data shown was read, or last confirmed, by the server. */
  savedAt: string;
  subject: string;
}) {
  const amberMinutes = useAmberMinutes();
  const connection = useSyncExternalStore(subscribeConnection, connectionStatus, connectionStatus);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 5_000);
    return () => clearInterval(tick);
  }, []);
  const state: ScreenState = {
    feed: feedFor(connection.feeds, facilityCode),
    serverTime: connection.serverTime,
    reach: connection.reach,
    savedAt,
    amberMinutes,
    now,
    subject,
  };
  return (
    <div className="space-y-2">
      <FeedBanners banners={screenBanners(state)} />
      <p
        role="status"
        data-freshness={copyFreshness(state)}
        data-as-of={new Date(savedAt).toISOString()}
        data-reach={state.reach}
        className="text-sm text-slate-800"
      >
        {statusLine(state)}
      </p>
    </div>
  );
}
