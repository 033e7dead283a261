/** Latency and throughput summaries for the benchmark. */
export interface LoadSummary {
  messages: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  failures: number;
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return Math.round(sortedMs[Math.max(0, index)]! * 100) / 100;
}

export function summarise(latenciesMs: number[], seconds: number, failures: number): LoadSummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    messages: latenciesMs.length,
    seconds: Math.round(seconds * 1000) / 1000,
    perSecond: Math.round(latenciesMs.length / seconds),
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    failures,
  };
}

/**
 * Runs `send` over `items` with at most `concurrency` in flight. Items that share a `group` key
 * (a stay) are sent in order, one at a time, as an engine's per-patient queue would.
 */
export async function runLoad<T>(
  items: readonly T[],
  concurrency: number,
  send: (item: T) => Promise<boolean>,
): Promise<LoadSummary> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const t0 = performance.now();
      const ok = await send(item);
      latencies.push(performance.now() - t0);
      if (!ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summarise(latencies, (performance.now() - started) / 1000, failures);
}

export interface PlannedRequest<T> {
  /** When to send, in ms after the run starts. */
  atMs: number;
  /** Which summary the request counts towards (an endpoint). */
  group: string;
  item: T;
}

/**
 * Open-loop load: each request is sent at its planned time whether or not earlier ones have
 * answered, as independent readers would, so a slow server makes requests pile up instead of
 * quietly slowing the senders down. Latency is measured from the planned send time, not the actual
 * one, so time spent waiting on a busy event loop counts against the server rather than vanishing
 * (coordinated omission). `perSecond` is the achieved rate of completed requests over the run.
 * Besides one summary per group, `all` summarises every request.
 */
export async function runOpenLoop<T>(
  plan: readonly PlannedRequest<T>[],
  send: (item: T) => Promise<boolean>,
): Promise<Record<string, LoadSummary>> {
  const latencies = new Map<string, number[]>();
  const failures = new Map<string, number>();
  const started = performance.now();
  await Promise.all(
    plan.map(
      ({ atMs, group, item }) =>
        new Promise<void>((resolve) => {
          setTimeout(async () => {
            const ok = await send(item).catch(() => false);
            const list = latencies.get(group) ?? [];
            list.push(performance.now() - (started + atMs));
            latencies.set(group, list);
            if (!ok) failures.set(group, (failures.get(group) ?? 0) + 1);
            resolve();
          }, atMs);
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const all = [...latencies.values()].flat();
  const allFailures = [...failures.values()].reduce((a, b) => a + b, 0);
  return {
    ...Object.fromEntries(
      [...latencies].map(([group, list]) => [group, summarise(list, seconds, failures.get(group) ?? 0)]),
    ),
    // Every request of the plan together: what the readers saw, whichever endpoint.
    all: summarise(all, seconds, allFailures),
  };
}
