import { describe, expect, it } from "vitest";
import { type BenchStage, runStages, type StageRecord, StageSkipped, selectStages } from "./stage-runner";

const stage = (name: string, run: BenchStage["run"]): BenchStage => ({ name, description: name, run });

describe("runStages", () => {
  it("hands each record over as its stage ends, and a failing stage does not stop the next", async () => {
    const seen: string[] = [];
    const order: string[] = [];
    let load = 0.5;
    const records = await runStages(
      [
        stage("first", async () => {
          order.push("first ran");
          load = 1.25;
          return { perSecond: 10 };
        }),
        stage("broken", async () => {
          order.push("broken ran");
          throw new Error("the app did not become healthy");
        }),
        stage("absent", async () => {
          throw new StageSkipped("no script");
        }),
        stage("last", async () => {
          order.push(`last ran after ${seen.length} records`);
          return 3;
        }),
      ],
      {
        runId: "r1",
        commit: "abc123",
        onRecord: (record) => seen.push(`${record.stage}:${record.status}`),
        readLoad: () => [load, 0.2, 0.1],
      },
    );
    expect(seen).toEqual(["first:ok", "broken:failed", "absent:skipped", "last:ok"]);
    expect(order).toEqual(["first ran", "broken ran", "last ran after 3 records"]);
    const [first, broken, absent, last] = records as [StageRecord, StageRecord, StageRecord, StageRecord];
    expect(first).toMatchObject({ status: "ok", result: { perSecond: 10 }, runId: "r1", commit: "abc123" });
    expect(first.loadAverage.before.oneMinute).toBe(0.5);
    expect(first.loadAverage.after.oneMinute).toBe(1.25);
    expect(broken.status === "failed" && broken.error).toMatch(/^Error: the app did not become healthy/);
    expect(absent).toMatchObject({ status: "skipped", reason: "no script" });
    expect(last).toMatchObject({ status: "ok", result: 3 });
  });

  it("stops between stages once asked to", async () => {
    const stop = new AbortController();
    const records = await runStages(
      [
        stage("a", async () => {
          stop.abort();
          return 1;
        }),
        stage("b", async () => 2),
      ],
      { runId: "r", commit: "c", onRecord: () => {}, signal: stop.signal },
    );
    expect(records.map((r) => r.stage)).toEqual(["a"]);
  });
});

describe("selectStages", () => {
  const all = [stage("x", async () => 0), stage("y", async () => 0), stage("z", async () => 0)];
  it("keeps the registry's order and refuses unknown names", () => {
    expect(selectStages(all, ["z", "x"]).map((s) => s.name)).toEqual(["x", "z"]);
    expect(selectStages(all, undefined)).toHaveLength(3);
    expect(() => selectStages(all, ["x", "nope"])).toThrow(/unknown bench stage nope/);
  });
});
