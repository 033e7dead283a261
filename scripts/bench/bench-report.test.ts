import { describe, expect, it } from "vitest";
import { type BenchGoal, judge } from "./bench-goals";
import { renderBenchReport } from "./bench-report";
import { lastJsonObject } from "./external-stage";
import { newestPerStage, parseRecords, runIdFor } from "./results-file";
import type { StageRecord } from "./stage-runner";

const load = { oneMinute: 0.4, fiveMinutes: 0.3, fifteenMinutes: 0.2 };
const record = (stage: string, startedAt: string, rest: Partial<StageRecord> = {}): StageRecord =>
  ({
    stage,
    runId: "r",
    commit: "abc1234",
    startedAt,
    seconds: 12.5,
    cpus: 2,
    loadAverage: { before: load, after: { ...load, oneMinute: 1.7 } },
    status: "ok",
    result: {},
    ...rest,
  }) as StageRecord;

const goals: BenchGoal[] = [
  { stage: "ward-list", figure: "openLoop.all.p95Ms", label: "p95", op: "<=", target: 25, unit: "ms" },
  { stage: "ingest", figure: "ratio", label: "ratio", op: ">=", target: 0.5, unit: "" },
  { stage: "lighthouse", figure: "medianScore", label: "score", op: ">=", target: 95, unit: "" },
  { stage: "gone", figure: "x", label: "never run", op: "<=", target: 1, unit: "" },
];

describe("judge", () => {
  it("says met, missed, or why a figure was not measured", () => {
    const judged = judge(goals, [
      record("ward-list", "2026-12-06T21:00:00Z", { result: { openLoop: { all: { p95Ms: 31.2 } } } }),
      record("ingest", "2026-12-06T21:01:00Z", { result: { ratio: 0.5 } }),
      record("lighthouse", "2026-12-06T21:02:00Z", {
        status: "failed",
        error: "boom",
      } as Partial<StageRecord>),
    ]);
    expect(judged.map((g) => [g.verdict, g.value, g.why])).toEqual([
      ["missed", 31.2, undefined],
      ["met", 0.5, undefined],
      ["not measured", null, "stage failed"],
      ["not measured", null, "stage not run"],
    ]);
  });
});

describe("renderBenchReport", () => {
  it("prints each figure beside its target, the machine, load before and after, date and commit", () => {
    const markdown = renderBenchReport({
      records: [
        record("ward-list", "2026-12-06T21:00:00Z", { result: { openLoop: { all: { p95Ms: 18 } } } }),
        record("lighthouse", "2026-12-06T21:05:00Z", {
          status: "failed",
          error: "no rows",
        } as Partial<StageRecord>),
      ],
      generatedAt: new Date("2026-12-06T22:00:00Z"),
      commit: "def5678",
      goals,
      descriptions: { "ward-list": "200 readers" },
    });
    expect(markdown).toContain("| p95 | ward-list | 18 ms | <= 25 ms | met |");
    expect(markdown).toContain("| score | lighthouse | — | >= 95 | not measured (stage failed) |");
    expect(markdown).toContain(
      "| ward-list | 200 readers | ok | 2026-12-06 21:00:00 | 12.5 | 0.4 → 1.7 | `abc1234` |",
    );
    expect(markdown).toContain("Machine: 2 CPU cores");
    expect(markdown).toContain("Report written: 2026-12-06T22:00:00.000Z from commit `def5678`");
    expect(markdown).toMatch(/### lighthouse\n\nFailed:\n\n```\nno rows\n```/);
    expect(markdown).toContain("Load generator ceiling: not measured");
    expect(markdown).not.toContain("Busy machine");
  });

  it("states the load generator's ceiling and the share of it the app reached", () => {
    const markdown = renderBenchReport({
      records: [
        record("generator-ceiling", "2026-12-06T21:00:00Z", {
          result: { autocannon: { perSecond: 4000 }, keepAliveAgent: { perSecond: 2000 } },
        }),
        record("ward-list", "2026-12-06T21:01:00Z", {
          result: { closedLoop: { changeToken: { perSecond: 1000 } } },
        }),
      ],
      generatedAt: new Date("2026-12-06T22:00:00Z"),
      commit: "def5678",
      goals,
    });
    expect(markdown).toContain("autocannon 4000 req/s, keep-alive agent (open loop) 2000 req/s");
    expect(markdown).toContain("| changeToken | 1000 | 25 % |");
    const scaling = renderBenchReport({
      records: [
        record("scaling-purge", "2026-12-06T21:02:00Z", {
          result: {
            rows: [
              { stays: 2000, seconds: 4 },
              { stays: 10000, seconds: 21 },
            ],
          },
        }),
      ],
      generatedAt: new Date(),
      commit: "x",
      goals,
    });
    expect(scaling).toContain("| stays | seconds |\n|---|---|\n| 2000 | 4 |\n| 10000 | 21 |");
    // Both records end with a 1-minute load of 1.7 on 2 cores: not busy; 2.0 would be.
    const busy = renderBenchReport({
      records: [record("ward-list", "2026-12-06T21:01:00Z", { cpus: 1 } as Partial<StageRecord>)],
      generatedAt: new Date(),
      commit: "x",
      goals,
    });
    expect(busy).toContain("**Busy machine**: ward-list ran with a 1-minute load average");
  });
});

describe("results file", () => {
  it("reads whole records, leaves out a torn last line, and keeps the newest per stage", () => {
    const lines = [
      JSON.stringify(record("a", "2026-12-06T20:00:00Z", { result: 1 })),
      JSON.stringify(record("b", "2026-12-06T20:05:00Z")),
      JSON.stringify(record("a", "2026-12-06T21:00:00Z", { result: 2 })),
      '{"stage":"c","startedAt":"2026-12-06T21:0',
    ].join("\n");
    const newest = newestPerStage(parseRecords(lines));
    expect(newest.map((r) => [r.stage, r.status === "ok" && r.result])).toEqual([
      ["b", {}],
      ["a", 2],
    ]);
  });

  it("names a run by its start time, safely for a file name", () => {
    expect(runIdFor(new Date("2026-12-06T21:04:05.678Z"))).toBe("2026-12-06T21-04-05Z");
  });
});

describe("lastJsonObject", () => {
  it("takes the JSON object a script printed after its progress lines", () => {
    expect(lastJsonObject('building…\n{"zippedMB": 41.2}\n')).toEqual({ zippedMB: 41.2 });
    expect(lastJsonObject('{\n  "zippedMB": 3\n}')).toEqual({ zippedMB: 3 });
    expect(lastJsonObject("no json here")).toBeNull();
    expect(lastJsonObject("[1,2]")).toBeNull();
  });
});
