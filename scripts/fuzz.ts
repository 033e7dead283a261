// `npm run fuzz -- --seed N --count M [--fhir-count K] [--postgres URL]`: the ingest fuzz
// (lib/security/fuzz/ingest-fuzz.ts) through the real HL7 v2 and FHIR route handlers, in this
// process, on a fresh embedded database (or a scratch database on the PostgreSQL server given).
// Loopback only; bounded by the counts; exits 1 on any failure, printing the seed and index
// that replay it (`--from I` starts the HL7 v2 part at sample I's chunk). Defaults: seed 18, 100,000 HL7 v2 messages, 10,000 FHIR bodies.

import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

/** A database of the run's own on the given server, dropped at the end. */
async function scratchDatabase(serverUrl: string) {
  const name = `fuzz_${randomBytes(5).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "18" },
    count: { type: "string", default: "100000" },
    "fhir-count": { type: "string" },
    postgres: { type: "string" },
    from: { type: "string", default: "0" },
  },
});
const seed = Number(values.seed);
const hl7Count = Number(values.count);
const fhirCount = Number(values["fhir-count"] ?? Math.max(Math.round(hl7Count / 10), 0));
if (![seed, hl7Count, fhirCount].every(Number.isSafeInteger)) {
  console.error("usage: npm run fuzz -- --seed N --count M [--fhir-count K] [--postgres URL]");
  process.exit(2);
}
if (
  values.postgres &&
  !/^postgres(ql)?:\/\/[^/]*(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(values.postgres)
) {
  console.error("--postgres must be a loopback server (127.0.0.1, localhost or [::1])");
  process.exit(2);
}

const crashes: string[] = [];
process.on("unhandledRejection", (reason) => crashes.push(`unhandled rejection: ${String(reason)}`));
process.on("uncaughtException", (error) => crashes.push(`uncaught exception: ${error.name}`));
const scratch = values.postgres ? await scratchDatabase(values.postgres) : undefined;
Object.assign(process.env, {
  APP_ENV: "local",
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "downtime-fuzz-")),
  DATABASE_URL: scratch?.url ?? "",
  DSQL_ENDPOINT: "",
  STORAGE_KIND: "files",
  DEMO_DATA: "true",
  DEMO_INPATIENTS: "20",
  MAX_MESSAGE_BYTES: String(256 * 1024),
  PURGE_INTERVAL_MINUTES: "0",
  LOG_LEVEL: "warn",
});
// Errors the app logs are failures too (an unexpected error answered as AE or 500).
const errorLines: string[] = [];
const writeError = console.error;
console.error = (line: unknown, ...rest: unknown[]) => {
  if (typeof line === "string" && line.includes('"level":"error"')) errorLines.push(line);
  else writeError(line, ...rest);
};

const hl7Route = await import("@/app/api/ingest/hl7v2/route");
const fhirRoute = await import("@/app/api/ingest/fhir/route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { createApiClient } = await import("@/lib/api-clients/api-clients");
const { loadFuzzCorpus } = await import("@/lib/security/fuzz/fuzz-corpus");
const { runIngestFuzz } = await import("@/lib/security/fuzz/ingest-fuzz");

const { db } = await getAppContext();
const { key } = await createApiClient(db, {
  name: "Fuzz feed",
  facilityCodes: ["RXD01"],
  rateLimitPerMinute: 1_000_000,
});
const started = new Date();
const report = await runIngestFuzz(
  { hl7: hl7Route.POST, fhir: fhirRoute.POST, db, apiKey: key },
  loadFuzzCorpus(),
  {
    seed,
    hl7Count,
    fhirCount,
    progressEvery: 5_000,
    hl7From: Number(values.from),
    onProgress: (progress) =>
      writeError(
        `fuzz: ${progress.hl7.sent} HL7 v2 + ${progress.fhir.sent} FHIR, ${progress.failures.length} failures, ${progress.messagesPerSecond}/s ${JSON.stringify(progress.failures.slice(-3))}`,
      ),
  },
);
await db.close();
await scratch?.drop();
const os = await import("node:os");
const summary = {
  started: started.toISOString(),
  database: scratch ? "postgresql" : "pglite",
  cpus: os.cpus().length,
  loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
  ...report,
  failures: report.failures.slice(0, 50),
  failureCount: report.failures.length,
  errorsLogged: errorLines.length,
  crashes,
};
console.log(JSON.stringify(summary, null, 2));
process.exit(report.failures.length + errorLines.length + crashes.length === 0 ? 0 : 1);
