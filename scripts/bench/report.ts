// `npm run bench:report`: writes docs/benchmarks.md from the newest result of each bench stage.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { renderBenchReport } from "./bench-report";
import { latestRecords } from "./results-file";
import { stageDescriptions } from "./stages";

const root = path.resolve(import.meta.dirname, "..", "..");
const records = latestRecords();
if (records.length === 0) {
  console.error("No bench results in bench-results/: run `npm run bench` (or one stage) first.");
  process.exit(1);
}
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
const target = path.join(root, "docs", "benchmarks.md");
writeFileSync(
  target,
  renderBenchReport({ records, generatedAt: new Date(), commit, descriptions: stageDescriptions }),
);
console.error(`wrote ${path.relative(process.cwd(), target)} from ${records.length} stage results`);
