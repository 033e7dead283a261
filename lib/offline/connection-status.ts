/**
 * What this device knows, right now, about its connection to Downtime and about each facility's
 * feed: one small store that every server request the screens make reports to
 * (server-views.ts), and that the feed banner reads (components/feed/feed-status.tsx). Reachability
 * is the outcome of the app's own requests, never `navigator.onLine` alone: a captive portal, a
 * dead Wi-Fi link or a server outage all leave the browser "online" while nothing gets through.
 */
import { type FeedAge, mergeFeeds, type Reach } from "@/lib/ward-list/feed-age";

export interface ConnectionStatus {
  reach: Reach;
  feeds: FeedAge[];
  /** The server's time at the latest answer (or saved copy) that carried feed ages. */
  serverTime: string | null;
}

let status: ConnectionStatus = { reach: "checking", feeds: [], serverTime: null };
const listeners = new Set<() => void>();

function update(next: ConnectionStatus) {
  status = next;
  for (const listener of listeners) listener();
}

function laterOf(a: string | null, b: string | null): string | null {
  return a && b ? (a > b ? a : b) : (a ?? b);
}

/** A request reached the server; `feeds` and `serverTime` when its answer carried them. */
export function reportReached(feeds?: readonly FeedAge[], serverTime?: string): void {
  if (!feeds && status.reach === "reached") return;
  update({
    reach: "reached",
    feeds: feeds ? mergeFeeds(status.feeds, feeds) : status.feeds,
    serverTime: feeds ? laterOf(status.serverTime, serverTime ?? null) : status.serverTime,
  });
}

/** A request failed to get an answer from the server (network error, timeout, 5xx). */
export function reportUnreachable(): void {
  if (status.reach !== "unreachable") update({ ...status, reach: "unreachable" });
}

/** Feed ages saved with the device copy (at `savedAt`): used until, or alongside, the server's. */
export function rememberSavedFeeds(feeds: readonly FeedAge[] | null, savedAt: string | null): void {
  if (!feeds?.length) return;
  update({
    ...status,
    feeds: mergeFeeds(status.feeds, feeds),
    serverTime: laterOf(status.serverTime, savedAt),
  });
}

export function connectionStatus(): ConnectionStatus {
  return status;
}

export function subscribeConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
