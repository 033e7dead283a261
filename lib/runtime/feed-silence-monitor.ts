/**
 * Evaluates the feed-silence alarm for this process (docs/design.md section 8): the watched
 * sources, which are silent, and one log line per transition (lib/ingest/feed-health/feed-silence.ts).
 * Evaluated by the health check, the console's banner and a one-minute tick, so a silent feed is
 * logged even when nobody looks; results are shared for `maxAgeMs` (15 s) so the banner on every
 * console page and a load balancer's health probes cost one small query per process per 15 s. The
 * state lives on globalThis (Next.js may load this module once per route bundle), so transitions are
 * logged once per process.
 */
import "server-only";
import type { Database } from "@/lib/db/types";
import { FeedSilenceTracker, type SilentSource, silentSources } from "@/lib/ingest/feed-health/feed-silence";
import { watchedFeedSources } from "@/lib/ingest/feed-health/feed-sources";
import { log, safeError } from "@/lib/log";

interface MonitorState {
  tracker: FeedSilenceTracker;
  cached?: { at: number; value: Promise<SilentSource[]> };
  tick?: ReturnType<typeof setInterval>;
}

const slot = Symbol.for("downtime.feed-silence-monitor");
type Holder = { [slot]?: MonitorState };

function state(): MonitorState {
  const holder = globalThis as Holder;
  holder[slot] ??= { tracker: new FeedSilenceTracker(log) };
  return holder[slot];
}

const defaultMaxAgeMs = 15_000;

async function evaluate(db: Database, defaultMinutes: number): Promise<SilentSource[]> {
  const watched = await watchedFeedSources(db, defaultMinutes);
  const now = new Date();
  state().tracker.observe(watched, now);
  return silentSources(watched, now);
}

/** The silent sources, at most `maxAgeMs` old. A failed evaluation is not kept. */
export function feedSilence(
  db: Database,
  defaultMinutes: number,
  options: { maxAgeMs?: number } = {},
): Promise<SilentSource[]> {
  const current = state();
  const maxAgeMs = options.maxAgeMs ?? defaultMaxAgeMs;
  if (current.cached && Date.now() - current.cached.at < maxAgeMs) return current.cached.value;
  const value = evaluate(db, defaultMinutes);
  const entry = { at: Date.now(), value };
  current.cached = entry;
  value.catch(() => {
    if (current.cached === entry) current.cached = undefined;
  });
  return value;
}

/** After an admin changes a threshold: the next look evaluates again. */
export function forgetFeedSilence(): void {
  state().cached = undefined;
}

/** Evaluates every `intervalMs` (unref'd, so it never keeps the process alive); once per process. */
export function startFeedSilenceTick(db: Database, defaultMinutes: number, intervalMs = 60_000): void {
  const current = state();
  if (current.tick) return;
  current.tick = setInterval(() => {
    feedSilence(db, defaultMinutes, { maxAgeMs: 0 }).catch((error: unknown) =>
      log.warn("feed.silence_check_failed", safeError(error)),
    );
  }, intervalMs);
  current.tick.unref();
}
