/**
 * The scaling table (issue 17 item 5): how cost grows with work. Ingest msg/s and ward-list p95 at
 * several concurrencies, initial load and purge at several census sizes. Each is its own bench
 * stage (`scaling-*`), long enough that they are meant for an idle machine, run one by one.
 */
import type { DemoFacility } from "@/demo/generator/hospital";
import type { BenchTarget } from "./bench-targets";
import { closedLoop } from "./http-load";
import { benchScenario, postHl7 } from "./ingest-bench";
import { initialLoadBench } from "./initial-load-bench";
import { startNextServer } from "./next-server";
import { purgeBench } from "./purge-bench";
import { withSignedInWard } from "./signed-in-ward";

/** The same ADT mix at each concurrency, each on a fresh database and app. */
export async function ingestScaling(
  makeTarget: () => Promise<BenchTarget>,
  hospital: DemoFacility[],
  concurrencies: readonly number[],
) {
  const items = benchScenario(hospital, 400, 2);
  const rows = [];
  for (const concurrency of concurrencies) {
    const target = await makeTarget();
    const server = await startNextServer(target.serverEnv);
    try {
      const load = await postHl7(server.origin, target.apiKey, items, concurrency);
      rows.push({
        concurrency,
        messagesPerSecond: load.perSecond,
        p95Ms: load.p95Ms,
        failures: load.failures,
      });
    } finally {
      await server.stop();
      await target.dispose();
    }
  }
  return { database: "postgres", messages: items.length, rows };
}

/** The ward list as JSON with `concurrency` readers always in flight (closed loop). */
export async function wardListScaling(
  makeTarget: () => Promise<BenchTarget>,
  hospital: DemoFacility[],
  concurrencies: readonly number[],
) {
  const readers = Math.max(...concurrencies);
  return withSignedInWard(
    makeTarget,
    hospital,
    { sessions: readers, serverEnv: { DATABASE_POOL_MAX: "20" } },
    async (ward) => {
      const path = `/api/wards/${ward.wardId}`;
      const headersFor = (i: number) => ({ cookie: ward.cookieHeader(i) });
      await closedLoop({ origin: ward.server.origin, path, connections: 16, amount: 100, headersFor }); // warm-up
      const rows = [];
      for (const concurrency of concurrencies) {
        const load = await closedLoop({
          origin: ward.server.origin,
          path,
          connections: concurrency,
          amount: Math.max(200, concurrency * 5),
          headersFor,
        });
        rows.push({
          concurrency,
          requestsPerSecond: load.perSecond,
          p50Ms: load.p50Ms,
          p95Ms: load.p95Ms,
          failures: load.failures,
        });
      }
      return { database: ward.target, patientsOnWard: ward.patientsOnWard, rows };
    },
  );
}

export async function initialLoadScaling(
  makeTarget: (hospital: DemoFacility[]) => Promise<BenchTarget>,
  hospital: DemoFacility[],
  sizes: readonly number[],
) {
  const rows = [];
  for (const inpatients of sizes) rows.push(await initialLoadBench(makeTarget, hospital, inpatients));
  return { rows };
}

/** Purge time should grow linearly with the stays purged (batched under DSQL's row limit). */
export async function purgeScaling(makeTarget: () => Promise<BenchTarget>, sizes: readonly number[]) {
  const rows = [];
  for (const stays of sizes) rows.push(await purgeBench(makeTarget, stays));
  return { rows };
}
