/**
 * Every benchmark stage, in the order a full `npm run bench` runs them. Each builds its own fresh
 * databases and servers and can run alone (`npm run bench -- --stage <name>`); modules load when
 * their stage runs, so the report and `--list` start quickly.
 */
import type { DemoFacility } from "@/demo/generator/hospital";
import { externalJsonStage } from "./external-stage";
import type { BenchStage } from "./stage-runner";

const postgresUrl = () => process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const mix = { concurrency: 16, currentInpatients: 800, historyDays: 7 };

let demoHospital: DemoFacility[] | undefined;
async function hospital(): Promise<DemoFacility[]> {
  if (!demoHospital) demoHospital = (await import("@/demo/generator/hospital")).generateDemoHospital();
  return demoHospital;
}

async function targets() {
  const { pgliteTarget, postgresTarget } = await import("./bench-targets");
  const facilities = await hospital();
  return {
    facilities,
    postgres:
      (larger: DemoFacility[] = facilities) =>
      () =>
        postgresTarget(postgresUrl(), larger),
    pglite: () => pgliteTarget(facilities),
  };
}

/** The app is built (and its service worker) before a stage that starts `next start`. */
async function built() {
  (await import("./next-server")).ensureBuilt();
}

export const benchStages: readonly BenchStage[] = [
  {
    name: "generator-ceiling",
    description: "the load generator against a bare Node server: the most any stage can show here",
    run: async () => (await import("./generator-ceiling-bench")).generatorCeilingBench(),
  },
  {
    name: "route-js",
    description: "gzip JavaScript the ward list and patient pages load (last next build)",
    run: async () => {
      await built();
      return (await import("./route-js-bench")).routeJsBench();
    },
  },
  {
    name: "ingest-postgres",
    description: "HL7 v2 ingest over HTTP, batched, and the same writes applied directly (PostgreSQL)",
    run: async () => {
      await built();
      const t = await targets();
      return (await import("./ingest-bench")).ingestBench(t.postgres(), t.facilities, mix);
    },
  },
  {
    name: "ingest-pglite",
    description: "the same ingest mix on embedded PGlite",
    run: async () => {
      await built();
      const t = await targets();
      return (await import("./ingest-bench")).ingestBench(t.pglite, t.facilities, mix);
    },
  },
  {
    name: "initial-load",
    description: "2,000 current inpatients posted in HL7 batches to an empty census",
    run: async () => {
      await built();
      const t = await targets();
      const { initialLoadBench } = await import("./initial-load-bench");
      return initialLoadBench((larger) => t.postgres(larger)(), t.facilities);
    },
  },
  {
    name: "purge",
    description: "one purge run over 10,000 discharged stays, PostgreSQL and PGlite",
    run: async () => {
      const t = await targets();
      const { purgeBench } = await import("./purge-bench");
      return { postgres: await purgeBench(t.postgres()), pglite: await purgeBench(t.pglite) };
    },
  },
  {
    name: "ward-list",
    description: "200 signed-in readers: closed loop per endpoint, then 200 open ward lists (open loop)",
    run: async () => {
      await built();
      const t = await targets();
      return (await import("./ward-list-bench")).wardListBench(t.postgres(), t.facilities, {
        openLoopSeconds: Number(process.env.BENCH_OPEN_LOOP_SECONDS ?? 30),
      });
    },
  },
  {
    name: "lighthouse",
    description: "Lighthouse mobile on the signed-in ward list, 3 runs",
    run: async () => {
      await built();
      const t = await targets();
      return (await import("./lighthouse-bench")).lighthouseBench(t.postgres(), t.facilities);
    },
  },
  {
    name: "offline-repeat",
    description:
      "phone repeat visits offline (service worker + device copy), the return to the server, online",
    run: async () => {
      await built();
      const t = await targets();
      return (await import("./offline-repeat-bench")).offlineRepeatBench(t.postgres(), t.facilities);
    },
  },
  {
    name: "lambda-bundle-size",
    description: "zipped Lambda server size, from scripts/aws-bundle-size.ts when present",
    run: externalJsonStage("scripts/aws-bundle-size.ts"),
  },
  ...scalingStages(),
];

/** Hoisted: the registry below calls it while the module loads. */
function listFromEnv(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw.split(",").map((value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must list positive whole numbers`);
    return n;
  });
}

/**
 * Issue 17 item 5: separate stages, so the table can be filled on an idle machine stage by stage.
 * `BENCH_SCALE_CONCURRENCY` and `BENCH_SCALE_SIZES` (comma-separated) change the steps, for a quick
 * check that a stage works.
 */
function scalingStages(): BenchStage[] {
  const concurrencies = listFromEnv("BENCH_SCALE_CONCURRENCY", [1, 16, 64, 200]);
  const sizes = listFromEnv("BENCH_SCALE_SIZES", [2_000, 10_000, 50_000]);
  return [
    {
      name: "scaling-ingest",
      description: `HL7 ingest msg/s over HTTP at concurrency ${concurrencies.join(", ")}`,
      run: async () => {
        await built();
        const t = await targets();
        return (await import("./scaling-bench")).ingestScaling(t.postgres(), t.facilities, concurrencies);
      },
    },
    {
      name: "scaling-ward-list",
      description: `ward list p95 with ${concurrencies.join(", ")} readers in flight`,
      run: async () => {
        await built();
        const t = await targets();
        return (await import("./scaling-bench")).wardListScaling(t.postgres(), t.facilities, concurrencies);
      },
    },
    {
      name: "scaling-initial-load",
      description: `initial load of ${sizes.join(" / ")} current inpatients`,
      run: async () => {
        await built();
        const t = await targets();
        return (await import("./scaling-bench")).initialLoadScaling(
          (larger) => t.postgres(larger)(),
          t.facilities,
          sizes,
        );
      },
    },
    {
      name: "scaling-purge",
      description: `purge of ${sizes.join(" / ")} discharged patients`,
      run: async () => {
        const t = await targets();
        return (await import("./scaling-bench")).purgeScaling(t.postgres(), sizes);
      },
    },
  ];
}

/** The scaling stages take long: a full run leaves them out unless asked (`--stage` or `--all`). */
export const fullRunStages = (all: boolean) =>
  benchStages.filter((stage) => all || !stage.name.startsWith("scaling-"));

export const stageDescriptions: Record<string, string> = Object.fromEntries(
  benchStages.map((stage) => [stage.name, stage.description]),
);
