// `npm run chaos -- --seed N --count M [--fault-rate R]`: delivery chaos
// (lib/security/chaos/delivery-chaos.ts) through the real HL7 v2 route handler in this process,
// on a fresh embedded database: M random ADT sequences (default 10,000), each sent in order and
// again shuffled with duplicates over a database failing at rate R (default 0.15), resent on
// 503/AE. Bounded by the count; exits 1 on any stay that differs from in-order delivery.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "18" },
    count: { type: "string", default: "10000" },
    "fault-rate": { type: "string", default: "0.15" },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
const faultRate = Number(values["fault-rate"]);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(count) || !(faultRate >= 0 && faultRate < 1)) {
  console.error("usage: npm run chaos -- --seed N --count M [--fault-rate 0..1]");
  process.exit(2);
}
Object.assign(process.env, {
  APP_ENV: "local",
  DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "downtime-chaos-")),
  DATABASE_URL: "",
  DSQL_ENDPOINT: "",
  STORAGE_KIND: "files",
  DEMO_DATA: "true",
  DEMO_INPATIENTS: "20",
  PURGE_INTERVAL_MINUTES: "0",
  // The injected outages are logged as warnings by design; keep the report readable.
  LOG_LEVEL: "error",
});
const crashes: string[] = [];
process.on("unhandledRejection", (reason) => crashes.push(`unhandled rejection: ${String(reason)}`));

const hl7Route = await import("@/app/api/ingest/hl7v2/route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { runDeliveryChaos } = await import("@/lib/security/chaos/run-delivery-chaos");

const context = await getAppContext();
const loadBefore = os.loadavg();
const report = await runDeliveryChaos(context, hl7Route.POST, {
  seed,
  count,
  faultRate,
  onProgress: (progress) => {
    if (progress.sequences % 100 === 0)
      console.error(
        `chaos: ${progress.sequences}/${count} sequences, ${progress.mismatches.length} mismatches`,
      );
  },
});
await context.db.close();
const summary = {
  cpus: os.cpus().length,
  loadAverage: { before: loadBefore, after: os.loadavg() },
  ...report,
  mismatches: report.mismatches.slice(0, 50),
  mismatchCount: report.mismatches.length,
  crashes,
};
console.log(JSON.stringify(summary, null, 2));
process.exit(report.mismatches.length + crashes.length === 0 ? 0 : 1);
