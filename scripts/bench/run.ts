// `npm run bench`: runs the benchmark stages one by one. Each stage's record (figures or error, load
// average before and after) is printed as one JSON line on stdout when it finishes and appended to
// bench-results/<run id>.jsonl; a failed stage does not stop the others. `npm run bench:report`
// turns the newest records into docs/benchmarks.md. A script, not a test: figures vary with the
// machine; compare ratios within one run.
//   npm run bench                       every stage but the scaling ones
//   npm run bench -- --all              every stage, scaling included
//   npm run bench -- --stage ward-list  one stage (or a comma-separated list, or --stage twice)
//   npm run bench -- --list             the stages
import { execFileSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { appendRecord, resultsDir, runIdFor } from "./results-file";
import { runStages, selectStages } from "./stage-runner";
import { benchStages, fullRunStages } from "./stages";

// stdout is the stage records: the app's own info lines stay out of it.
process.env.LOG_LEVEL ??= "warn";

const { values } = parseArgs({
  options: {
    stage: { type: "string", multiple: true },
    all: { type: "boolean", default: false },
    list: { type: "boolean", default: false },
  },
});

if (values.list) {
  for (const stage of benchStages) console.log(`${stage.name.padEnd(22)} ${stage.description}`);
  process.exit(0);
}

const named = [...(values.stage ?? []), ...(process.env.BENCH_ONLY ? [process.env.BENCH_ONLY] : [])]
  .flatMap((value) => value.split(","))
  .map((name) => name.trim())
  .filter(Boolean);
const stages = named.length > 0 ? selectStages(benchStages, named) : fullRunStages(values.all);

const root = path.resolve(import.meta.dirname, "..", "..");
const commit = (() => {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" }).trim();
    return dirty ? `${sha}+changes` : sha;
  } catch {
    return "unknown";
  }
})();
const runId = runIdFor(new Date());
const file = path.join(resultsDir, `${runId}.jsonl`);
const stop = new AbortController();
process.once("SIGINT", () => {
  console.error("bench: stopping after the current stage (Ctrl-C again to quit now)");
  stop.abort();
  process.once("SIGINT", () => process.exit(130));
});

console.error(`bench: ${stages.map((s) => s.name).join(", ")} → ${path.relative(process.cwd(), file)}`);
const records = await runStages(stages, {
  runId,
  commit,
  signal: stop.signal,
  onRecord: (record) => {
    appendRecord(file, record);
    console.log(JSON.stringify(record));
    console.error(`bench: ${record.stage} ${record.status} in ${record.seconds} s`);
  },
});
const failed = records.filter((record) => record.status === "failed");
if (failed.length > 0) {
  console.error(`bench: ${failed.length} stage(s) failed: ${failed.map((r) => r.stage).join(", ")}`);
  process.exitCode = 1;
}
