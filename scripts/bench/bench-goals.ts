/**
 * The benchmark's targets (issue 17; the report, issue 18), each naming the stage and the figure in
 * that stage's JSON it judges. `judge` is pure: the report prints every figure beside its target.
 */
import type { StageRecord } from "./stage-runner";

export interface BenchGoal {
  stage: string;
  /** Dotted path into the stage's result JSON. */
  figure: string;
  label: string;
  op: "<=" | ">=";
  target: number;
  unit: string;
}

export const benchGoals: readonly BenchGoal[] = [
  {
    stage: "ingest-postgres",
    figure: "httpToDirectRatio",
    label: "HTTP ingest / direct writes (concurrency 16)",
    op: ">=",
    target: 0.5,
    unit: "",
  },
  {
    stage: "ingest-postgres",
    figure: "http.failures",
    label: "HTTP ingest errors",
    op: "<=",
    target: 0,
    unit: "",
  },
  {
    stage: "ward-list",
    figure: "openLoop.all.p95Ms",
    label: "200 open ward lists, p95 of every request",
    op: "<=",
    target: 25,
    unit: "ms",
  },
  {
    stage: "ward-list",
    figure: "openLoop.changeToken.p95Ms",
    label: "change token poll p95 (200 open ward lists)",
    op: "<=",
    target: 10,
    unit: "ms",
  },
  {
    stage: "ward-list",
    figure: "openLoop.all.failures",
    label: "200 open ward lists, errors",
    op: "<=",
    target: 0,
    unit: "",
  },
  {
    stage: "route-js",
    figure: "wardList.gzipBytes",
    label: "ward list JavaScript at first paint (gzip; noModule polyfills apart)",
    op: "<=",
    target: 150_000,
    unit: "bytes",
  },
  {
    stage: "lighthouse",
    figure: "medianScore",
    label: "Lighthouse mobile score (median of 3)",
    op: ">=",
    target: 95,
    unit: "",
  },
  {
    stage: "lighthouse",
    figure: "medianTbtMs",
    label: "total blocking time (median of 3)",
    op: "<=",
    target: 150,
    unit: "ms",
  },
  {
    stage: "offline-repeat",
    figure: "offline.p95Ms",
    label: "offline repeat visit p95",
    op: "<=",
    target: 500,
    unit: "ms",
  },
  // Lambda's limit on a zipped deployment package uploaded directly.
  {
    stage: "lambda-bundle-size",
    figure: "zippedMB",
    label: "zipped Lambda server",
    op: "<=",
    target: 50,
    unit: "MB",
  },
];

export function figureAt(value: unknown, dotted: string): unknown {
  let current = value;
  for (const key of dotted.split(".")) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export type Verdict = "met" | "missed" | "not measured";

export interface JudgedGoal extends BenchGoal {
  value: number | null;
  verdict: Verdict;
  /** The stage's status when there is no figure: failed, skipped or absent from the results. */
  why?: string;
}

export function judge(goals: readonly BenchGoal[], records: readonly StageRecord[]): JudgedGoal[] {
  return goals.map((goal) => {
    const record = records.find((r) => r.stage === goal.stage);
    if (!record) return { ...goal, value: null, verdict: "not measured", why: "stage not run" };
    if (record.status !== "ok")
      return { ...goal, value: null, verdict: "not measured", why: `stage ${record.status}` };
    const value = figureAt(record.result, goal.figure);
    if (typeof value !== "number" || !Number.isFinite(value))
      return { ...goal, value: null, verdict: "not measured", why: "figure absent" };
    const met = goal.op === "<=" ? value <= goal.target : value >= goal.target;
    return { ...goal, value, verdict: met ? "met" : "missed" };
  });
}
