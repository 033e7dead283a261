/**
 * docs/benchmarks.md from the newest record of each stage: every figure beside its target and
 * whether it met it, the machine (cores, load average before and after each stage), the date and
 * the commit. Pure: records in, Markdown out.
 */
import { type BenchGoal, benchGoals, figureAt, judge } from "./bench-goals";
import type { StageRecord } from "./stage-runner";

const cell = (value: unknown) => String(value).replaceAll("|", "\\|").replaceAll("\n", " ");

function formatValue(value: number | null, unit: string): string {
  if (value === null) return "—";
  return unit ? `${value} ${unit}` : String(value);
}

function verdictText(verdict: string, why?: string): string {
  if (verdict === "met") return "met";
  if (verdict === "missed") return "**missed**";
  return `not measured (${why})`;
}

/**
 * The load generator's own ceiling (stage `generator-ceiling`) and, for the closed-loop ward-list
 * figures, what share of it the app reached: how much of the box the app used rather than the tool.
 */
function ceilingLines(records: readonly StageRecord[]): string[] {
  const ceiling = records.find((r) => r.stage === "generator-ceiling");
  if (ceiling?.status !== "ok")
    return ["Load generator ceiling: not measured (stage `generator-ceiling`).", ""];
  const perSecond = (path: string, from: unknown) => {
    const value = figureAt(from, path);
    return typeof value === "number" ? value : null;
  };
  const autocannon = perSecond("autocannon.perSecond", ceiling.result);
  const agent = perSecond("keepAliveAgent.perSecond", ceiling.result);
  const lines = [
    `Load generator ceiling (a bare Node server answering "ok", same machine, load ${ceiling.loadAverage.before.oneMinute} → ${ceiling.loadAverage.after.oneMinute}): autocannon ${autocannon} req/s, keep-alive agent (open loop) ${agent} req/s.`,
    "",
  ];
  const wardList = records.find((r) => r.stage === "ward-list");
  if (wardList?.status === "ok" && autocannon) {
    lines.push(
      "| closed loop, 200 in flight | app req/s | share of the generator's ceiling |",
      "|---|---|---|",
    );
    for (const endpoint of ["changeToken", "wardList", "offlineSync"]) {
      const app = perSecond(`closedLoop.${endpoint}.perSecond`, wardList.result);
      if (app !== null)
        lines.push(`| ${endpoint} | ${app} | ${Math.round((app / autocannon) * 1000) / 10} % |`);
    }
    lines.push("");
  }
  return lines;
}

/** Stages that started with more runnable work than cores: their figures are not capacity. */
function busyWarning(records: readonly StageRecord[]): string[] {
  const busy = records.filter(
    (r) => r.loadAverage.before.oneMinute >= r.cpus || r.loadAverage.after.oneMinute >= r.cpus,
  );
  if (busy.length === 0) return [];
  return [
    `- **Busy machine**: ${busy.map((r) => r.stage).join(", ")} ran with a 1-minute load average at or above the core count; their times measure the contention, not the app's capacity. Re-run them on an idle machine.`,
  ];
}

/** A stage whose result has `rows` (the scaling stages) gets them as a table: growth at a glance. */
function rowsTable(result: unknown): string[] {
  const rows = figureAt(result, "rows");
  if (!Array.isArray(rows) || rows.length === 0 || typeof rows[0] !== "object" || rows[0] === null) return [];
  const columns = Object.keys(rows[0] as Record<string, unknown>);
  return [
    `| ${columns.join(" | ")} |`,
    `|${columns.map(() => "---").join("|")}|`,
    ...rows.map(
      (row) => `| ${columns.map((c) => cell((row as Record<string, unknown>)[c] ?? "")).join(" | ")} |`,
    ),
    "",
  ];
}

export interface ReportInput {
  records: readonly StageRecord[];
  generatedAt: Date;
  /** The commit the report was written from. */
  commit: string;
  goals?: readonly BenchGoal[];
  /** Stage name → one-line description (from the registry), for the stage table. */
  descriptions?: Record<string, string>;
}

export function renderBenchReport({
  records,
  generatedAt,
  commit,
  goals = benchGoals,
  descriptions = {},
}: ReportInput): string {
  const judged = judge(goals, records);
  const commits = [...new Set(records.map((r) => r.commit))];
  const cores = [...new Set(records.map((r) => r.cpus))];
  const lines = [
    "# Benchmarks",
    "",
    "Written by `npm run bench:report` from the newest result of each stage in `bench-results/*.jsonl`",
    "(`npm run bench`, or one stage: `npm run bench -- --stage <name>`). Figures move with the machine's",
    "load: read each beside the load average taken before and after its stage, and compare ratios",
    "within one run rather than absolute times between machines.",
    "",
    `- Report written: ${generatedAt.toISOString()} from commit \`${commit}\``,
    `- Stages measured at commit${commits.length === 1 ? "" : "s"}: ${commits.map((c) => `\`${c}\``).join(", ") || "none"}`,
    `- Machine: ${cores.join(", ") || "?"} CPU cores`,
    ...busyWarning(records),
    "",
    ...ceilingLines(records),
    "## Targets",
    "",
    "| figure | stage | value | target | verdict |",
    "|---|---|---|---|---|",
    ...judged.map(
      (goal) =>
        `| ${cell(goal.label)} | ${goal.stage} | ${formatValue(goal.value, goal.unit)} | ${goal.op} ${formatValue(goal.target, goal.unit)} | ${verdictText(goal.verdict, goal.why)} |`,
    ),
    "",
    "## Stages",
    "",
    "| stage | what | status | started (UTC) | seconds | load 1 min before → after | commit |",
    "|---|---|---|---|---|---|---|",
    ...records.map(
      (r) =>
        `| ${r.stage} | ${cell(descriptions[r.stage] ?? "")} | ${r.status} | ${r.startedAt.slice(0, 19).replace("T", " ")} | ${r.seconds} | ${r.loadAverage.before.oneMinute} → ${r.loadAverage.after.oneMinute} | \`${r.commit}\` |`,
    ),
    "",
    "## Figures by stage",
    "",
  ];
  for (const record of records) {
    lines.push(`### ${record.stage}`, "");
    if (record.status === "ok")
      lines.push(...rowsTable(record.result), "```json", JSON.stringify(record.result, null, 2), "```", "");
    else if (record.status === "failed") lines.push("Failed:", "", "```", record.error, "```", "");
    else lines.push(`Skipped: ${record.reason}`, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
