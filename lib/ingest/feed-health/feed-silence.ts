/**
 * The feed-silence rule and its transitions (docs/design.md section 8). A watched source is silent
 * when no message (any outcome) has arrived for longer than its threshold. `FeedSilenceTracker`
 * remembers, per process, which sources it last saw silent, and logs one structured line per
 * transition (`feed.silent`, `feed.resumed`) however often it is asked: the health check and the
 * periodic tick both evaluate, and a CloudWatch metric filter alarms on `feed.silent`. The lines
 * carry the source's parts and times, never patient data. Pure apart from the injected logger.
 */

export interface WatchedSource {
  source: string;
  label: string;
  clientId: string;
  sendingApplication?: string;
  sendingFacility?: string;
  /** The last answer of any outcome; null when its counters have been pruned (30 days). */
  lastMessageAt: Date | null;
  firstSeenAt: Date;
  thresholdMinutes: number;
}

export interface SilentSource {
  source: string;
  label: string;
  lastMessageAt: Date | null;
  /** When the threshold passed: the last message (or first sight) plus the threshold. */
  silentSince: Date;
  thresholdMinutes: number;
}

export function silentSources(sources: readonly WatchedSource[], now: Date): SilentSource[] {
  const silent: SilentSource[] = [];
  for (const source of sources) {
    const since = new Date(
      (source.lastMessageAt ?? source.firstSeenAt).getTime() + source.thresholdMinutes * 60_000,
    );
    if (now.getTime() > since.getTime()) {
      silent.push({
        source: source.source,
        label: source.label,
        lastMessageAt: source.lastMessageAt,
        silentSince: since,
        thresholdMinutes: source.thresholdMinutes,
      });
    }
  }
  return silent;
}

type Field = string | number | boolean | null | undefined;
export interface TransitionLogger {
  warn(event: string, fields: Record<string, Field>): void;
  info(event: string, fields: Record<string, Field>): void;
}

export interface SilenceTransition {
  event: "feed.silent" | "feed.resumed";
  source: string;
}

export class FeedSilenceTracker {
  /** Source → the silence it was last seen in (silentSince, ISO). */
  private readonly silent = new Map<string, string>();

  constructor(private readonly logger: TransitionLogger) {}

  /**
   * Compares one evaluation with the last and logs what changed: a source newly silent (also the
   * first evaluation in a process that finds it silent), and a source that was silent and now is
   * not (a message arrived, its threshold was raised, or it is no longer watched).
   */
  observe(watched: readonly WatchedSource[], now: Date): SilenceTransition[] {
    const current = silentSources(watched, now);
    const byName = new Map(watched.map((source) => [source.source, source]));
    const transitions: SilenceTransition[] = [];
    for (const source of current) {
      if (this.silent.has(source.source)) continue;
      this.silent.set(source.source, source.silentSince.toISOString());
      const parts = byName.get(source.source);
      this.logger.warn("feed.silent", {
        source: source.source,
        clientId: parts?.clientId,
        sendingApplication: parts?.sendingApplication,
        sendingFacility: parts?.sendingFacility,
        silentSince: source.silentSince.toISOString(),
        lastMessageAt: source.lastMessageAt?.toISOString() ?? null,
        thresholdMinutes: source.thresholdMinutes,
      });
      transitions.push({ event: "feed.silent", source: source.source });
    }
    const stillSilent = new Set(current.map((source) => source.source));
    for (const [name, silentSince] of [...this.silent]) {
      if (stillSilent.has(name)) continue;
      this.silent.delete(name);
      const parts = byName.get(name);
      this.logger.info("feed.resumed", {
        source: name,
        clientId: parts?.clientId,
        silentSince,
        resumedAt: now.toISOString(),
        lastMessageAt: parts?.lastMessageAt?.toISOString() ?? null,
        watched: Boolean(parts),
      });
      transitions.push({ event: "feed.resumed", source: name });
    }
    return transitions;
  }
}
