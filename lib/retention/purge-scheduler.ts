/**
 * Runs the purge in-process every `intervalMs`. Each run is scheduled only when the previous one
 * has finished (setTimeout chaining, not setInterval), so runs never overlap however long one
 * takes; timers are unref'd so they never keep the process alive. Another instance of the app
 * may run its own scheduler: concurrent runs are safe (run-purge.ts). Logs a summary of each run:
 * counts and bytes, never identifiers.
 */
import "server-only";
import { log as defaultLog, safeError } from "@/lib/log";
import { type PurgeLogger, type PurgeSummary, type RunPurgeOptions, runPurge } from "./run-purge";

export interface PurgeSchedulerOptions extends Omit<RunPurgeOptions, "now" | "log"> {
  intervalMs: number;
  /** Delay before the first run; defaults to `intervalMs`. */
  firstRunAfterMs?: number;
  clock?: () => Date;
  log?: PurgeLogger & Pick<typeof defaultLog, "error">;
  /** Injected for tests. */
  run?: (options: RunPurgeOptions) => Promise<PurgeSummary>;
}

export interface PurgeScheduler {
  /** Stops scheduling and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export function startPurgeScheduler(options: PurgeSchedulerOptions): PurgeScheduler {
  const { intervalMs, firstRunAfterMs, clock = () => new Date(), log = defaultLog, run = runPurge } = options;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  async function runOnce() {
    try {
      const { byReason, ...summary } = await run({ ...options, now: clock(), log });
      log.info("purge.run", { ...summary, discharged: byReason.discharged, stale: byReason.stale });
    } catch (error) {
      log.error("purge.run.failed", safeError(error));
    }
  }

  function schedule(delayMs: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().finally(() => {
        running = undefined;
        schedule(intervalMs);
      });
    }, delayMs);
    timer.unref();
  }

  schedule(firstRunAfterMs ?? intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
