import { describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/types";
import type { DocumentStore } from "@/lib/storage/types";
import { startPurgeScheduler } from "./purge-scheduler";
import type { PurgeSummary, RunPurgeOptions } from "./run-purge";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const summary: PurgeSummary = {
  runId: "00000000-0000-4000-8000-000000000001",
  patients: 2,
  stays: 3,
  events: 40,
  documents: 1,
  bytes: 2048,
  byReason: { discharged: 1, stale: 1 },
  failed: 0,
  orphanObjects: 0,
  orphanBytes: 0,
  durationMs: 12,
};

function setUp(run: (options: RunPurgeOptions) => Promise<PurgeSummary>) {
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const scheduler = startPurgeScheduler({
    db: {} as Database,
    storage: {} as DocumentStore,
    tombstoneKey: "k",
    intervalMs: 5,
    firstRunAfterMs: 0,
    log,
    run,
  });
  return { log, scheduler };
}

describe("startPurgeScheduler", () => {
  it("runs again and again, never two runs at once, and logs each summary", async () => {
    let running = 0;
    let overlapped = false;
    const run = vi.fn(async (_options: RunPurgeOptions) => {
      running += 1;
      overlapped ||= running > 1;
      await sleep(20);
      running -= 1;
      return summary;
    });
    const { log, scheduler } = setUp(run);
    await sleep(120);
    await scheduler.stop();
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(overlapped).toBe(false);
    expect(run.mock.calls[0]![0].now).toBeInstanceOf(Date);
    expect(log.info).toHaveBeenCalledWith("purge.run", {
      runId: summary.runId,
      patients: 2,
      stays: 3,
      events: 40,
      documents: 1,
      bytes: 2048,
      failed: 0,
      orphanObjects: 0,
      orphanBytes: 0,
      durationMs: 12,
      discharged: 1,
      stale: 1,
    });
  });

  it("logs a failed run without its message and keeps the schedule going", async () => {
    const run = vi
      .fn<(options: RunPurgeOptions) => Promise<PurgeSummary>>()
      .mockRejectedValueOnce(Object.assign(new Error("patient M1 exploded"), { code: "XX000" }))
      .mockResolvedValue(summary);
    const { log, scheduler } = setUp(run);
    await sleep(60);
    await scheduler.stop();
    expect(log.error).toHaveBeenCalledWith("purge.run.failed", { errorType: "Error", errorCode: "XX000" });
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it("never keeps the process alive: its timers are unref'd", async () => {
    const timeouts = vi.spyOn(globalThis, "setTimeout");
    const { scheduler } = setUp(async () => summary);
    const timer = timeouts.mock.results[0]!.value as NodeJS.Timeout;
    timeouts.mockRestore();
    expect(timer.hasRef()).toBe(false);
    await scheduler.stop();
  });

  it("stop() waits for the run in progress, and nothing runs after it", async () => {
    let finished = false;
    const run = vi.fn(async () => {
      await sleep(40);
      finished = true;
      return summary;
    });
    const { scheduler } = setUp(run);
    await sleep(10);
    await scheduler.stop();
    expect(finished).toBe(true);
    const calls = run.mock.calls.length;
    await sleep(30);
    expect(run.mock.calls.length).toBe(calls);
  });
});
