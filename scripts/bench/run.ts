// `npm run bench`: prints one JSON document with the benchmark figures. A script, not a test:
// figures vary with the machine; compare ratios within one run.
import { generateDemoHospital } from "@/demo/generator/hospital";
import { pgliteTarget, postgresTarget } from "./bench-targets";
import { ingestBench } from "./ingest-bench";
import { initialLoadBench } from "./initial-load-bench";
import { lighthouseBench } from "./lighthouse-bench";
import { ensureBuilt } from "./next-server";
import { offlineRepeatBench } from "./offline-repeat-bench";
import { purgeBench } from "./purge-bench";
import { wardListBench } from "./ward-list-bench";

// stdout is the JSON document: the app's own info lines stay out of it.
process.env.LOG_LEVEL ??= "warn";

const postgresUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const only = process.env.BENCH_ONLY?.split(",");
const wanted = (name: string) => !only || only.includes(name);

ensureBuilt();
const hospital = generateDemoHospital();
const mix = { concurrency: 16, currentInpatients: 800, historyDays: 7 };
const results: Record<string, unknown> = {
  machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
};

if (wanted("ingest-postgres"))
  results.ingestPostgres = await ingestBench(() => postgresTarget(postgresUrl, hospital), hospital, mix);
if (wanted("ingest-pglite"))
  results.ingestPglite = await ingestBench(() => pgliteTarget(hospital), hospital, mix);
if (wanted("initial-load")) {
  results.initialLoad2000 = await initialLoadBench((larger) => postgresTarget(postgresUrl, larger), hospital);
}
if (wanted("purge")) {
  results.purge10000Postgres = await purgeBench(() => postgresTarget(postgresUrl, hospital));
  results.purge10000Pglite = await purgeBench(() => pgliteTarget(hospital));
}
if (wanted("ward-list")) {
  results.wardListReads = await wardListBench(() => postgresTarget(postgresUrl, hospital), hospital);
}
if (wanted("lighthouse")) {
  results.lighthouseWardList = await lighthouseBench(() => postgresTarget(postgresUrl, hospital), hospital);
}
if (wanted("offline-repeat")) {
  results.repeatVisitWardList = await offlineRepeatBench(
    () => postgresTarget(postgresUrl, hospital),
    hospital,
  );
}

console.log(JSON.stringify(results, null, 2));
