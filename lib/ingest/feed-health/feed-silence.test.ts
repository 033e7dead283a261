import { describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import { FeedSilenceTracker, silentSources, type WatchedSource } from "./feed-silence";

const t0 = new Date("2026-12-04T02:00:00.000Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

function source(name: string, lastMinute: number | null, thresholdMinutes = 15): WatchedSource {
  return {
    source: `c1|${name}|RXD01`,
    label: `PAS feed · ${name} · RXD01`,
    clientId: "c1",
    sendingApplication: name,
    sendingFacility: "RXD01",
    lastMessageAt: lastMinute === null ? null : minutes(lastMinute),
    firstSeenAt: minutes(-60),
    thresholdMinutes,
  };
}

function recordingLogger() {
  const lines: { level: string; event: string; fields: Record<string, unknown> }[] = [];
  return {
    lines,
    warn: (event: string, fields: Record<string, unknown>) => lines.push({ level: "warn", event, fields }),
    info: (event: string, fields: Record<string, unknown>) => lines.push({ level: "info", event, fields }),
  };
}

describe("silentSources", () => {
  it("is silent only past the threshold, per source", () => {
    const pas = source("PAS", 0, 15);
    const night = source("NIGHT", 0, 60);
    expect(silentSources([pas, night], minutes(15))).toEqual([]);
    const at16 = silentSources([pas, night], minutes(16));
    expect(at16.map((s) => s.source)).toEqual(["c1|PAS|RXD01"]);
    expect(at16[0]!.silentSince).toEqual(minutes(15));
    expect(silentSources([pas, night], minutes(61)).map((s) => s.source)).toEqual([
      "c1|PAS|RXD01",
      "c1|NIGHT|RXD01",
    ]);
  });

  it("counts from first sight when the counters of a long-silent source were pruned", () => {
    const [silent] = silentSources([source("OLD", null, 15)], minutes(0));
    expect(silent!.silentSince).toEqual(minutes(-45));
    expect(silent!.lastMessageAt).toBeNull();
  });
});

describe("FeedSilenceTracker", () => {
  it("logs feed.silent once however often it is asked, then feed.resumed once", () => {
    const logger = recordingLogger();
    const tracker = new FeedSilenceTracker(logger);
    expect(tracker.observe([source("PAS", 0)], minutes(10))).toEqual([]);
    expect(tracker.observe([source("PAS", 0)], minutes(16))).toEqual([
      { event: "feed.silent", source: "c1|PAS|RXD01" },
    ]);
    expect(tracker.observe([source("PAS", 0)], minutes(17))).toEqual([]);
    expect(tracker.observe([source("PAS", 0)], minutes(30))).toEqual([]);
    expect(tracker.observe([source("PAS", 31)], minutes(32))).toEqual([
      { event: "feed.resumed", source: "c1|PAS|RXD01" },
    ]);
    expect(tracker.observe([source("PAS", 31)], minutes(33))).toEqual([]);
    expect(logger.lines.map((line) => `${line.level} ${line.event}`)).toEqual([
      "warn feed.silent",
      "info feed.resumed",
    ]);
  });

  it("writes a line a metric filter can match, with the source and times and nothing else", () => {
    const logger = recordingLogger();
    new FeedSilenceTracker(logger).observe([source("PAS", 0)], minutes(20));
    expect(logger.lines[0]).toEqual({
      level: "warn",
      event: "feed.silent",
      fields: {
        source: "c1|PAS|RXD01",
        clientId: "c1",
        sendingApplication: "PAS",
        sendingFacility: "RXD01",
        silentSince: "2026-12-04T02:15:00.000Z",
        lastMessageAt: "2026-12-04T02:00:00.000Z",
        thresholdMinutes: 15,
      },
    });
  });

  it("goes silent again after resuming, and resumes a source that stopped being watched", () => {
    const logger = recordingLogger();
    const tracker = new FeedSilenceTracker(logger);
    tracker.observe([source("PAS", 0)], minutes(16));
    tracker.observe([source("PAS", 20)], minutes(21));
    expect(tracker.observe([source("PAS", 20)], minutes(40))).toEqual([
      { event: "feed.silent", source: "c1|PAS|RXD01" },
    ]);
    expect(tracker.observe([], minutes(41))).toEqual([{ event: "feed.resumed", source: "c1|PAS|RXD01" }]);
    expect(logger.lines.at(-1)!.fields.watched).toBe(false);
  });

  it("resumes when an admin raises the threshold past the gap", () => {
    const tracker = new FeedSilenceTracker(recordingLogger());
    tracker.observe([source("PAS", 0, 15)], minutes(20));
    expect(tracker.observe([source("PAS", 0, 120)], minutes(21))).toEqual([
      { event: "feed.resumed", source: "c1|PAS|RXD01" },
    ]);
  });

  it("through lib/log.ts, is one JSON line a CloudWatch metric filter can match on its event", () => {
    const lines: string[] = [];
    const error = vi.spyOn(console, "error").mockImplementation((line: string) => lines.push(line));
    const info = vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    try {
      const tracker = new FeedSilenceTracker(log);
      tracker.observe([source("PAS", 0)], minutes(16));
      tracker.observe([source("PAS", 0)], minutes(17));
      tracker.observe([source("PAS", 17)], minutes(18));
    } finally {
      error.mockRestore();
      info.mockRestore();
    }
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((line) => [line.level, line.event])).toEqual([
      ["warn", "feed.silent"],
      ["info", "feed.resumed"],
    ]);
    expect(parsed[0]).toMatchObject({ source: "c1|PAS|RXD01", silentSince: "2026-12-04T02:15:00.000Z" });
    expect(lines.every((line) => !line.includes("\n"))).toBe(true);
  });
});
