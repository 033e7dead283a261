/**
 * Ward-list reads by 200 signed-in readers over HTTP: the ward list as JSON (`/api/sync`: scope
 * check, census query, one audit row per patient) and the cheap change token open ward lists poll
 * (`/api/sync/latest`). PostgreSQL. Two shapes, reported separately:
 * - closed loop: 200 requests always in flight. This is the saturation of one Next.js process
 *   (throughput ceiling), not what 200 open ward lists cause.
 * - open loop: 200 readers behaving like open ward lists (components/ward-list/live-refresh.tsx
 *   polls the token every 2 s; the ward list itself is re-read every 30 s, twice as often as
 *   OfflineSync's 60 s round, to leave headroom), each starting at a random offset.
 */
import type { DemoFacility } from "@/lib/demo/hospital";
import type { BenchTarget } from "./bench-targets";
import { withSignedInWard } from "./signed-in-ward";
import { type PlannedRequest, runLoad, runOpenLoop } from "./stats";

const pollEveryMs = 2_000;
const wardListEveryMs = 30_000;

interface Read {
  path: string;
  cookie: string;
}

/** Every reader's requests for `durationMs`, each series starting at a random offset in its period. */
function openWardListPlan(cookies: string[], durationMs: number): PlannedRequest<Read>[] {
  const plan: PlannedRequest<Read>[] = [];
  const series = (group: string, path: string, cookie: string, everyMs: number) => {
    for (let at = Math.random() * everyMs; at < durationMs; at += everyMs)
      plan.push({ atMs: at, group, item: { path, cookie } });
  };
  for (const cookie of cookies) {
    series("changeToken", "/api/sync/latest", cookie, pollEveryMs);
    series("wardCensus", "/api/sync", cookie, wardListEveryMs);
  }
  return plan;
}

export async function wardListBench(
  makeTarget: () => Promise<BenchTarget>,
  hospital: DemoFacility[],
  readers = 200,
  openLoopSeconds = 30,
) {
  return withSignedInWard(
    makeTarget,
    hospital,
    { sessions: readers, serverEnv: { DATABASE_POOL_MAX: "20" } },
    async (ward) => {
      const cookies = Array.from({ length: readers }, (_, i) => ward.cookieHeader(i));
      const requests = (path: string, count: number) =>
        Array.from({ length: count }, (_, i) => ({ path, cookie: cookies[i % readers]! }));
      const get = async ({ path, cookie }: Read) => {
        const response = await fetch(`${ward.server.origin}${path}`, { headers: { cookie } });
        await response.arrayBuffer(); // the whole body, as a browser would read it
        return response.status === 200;
      };
      await runLoad(requests("/api/sync/latest", readers), readers, get); // warm-up
      const census = await runLoad(requests("/api/sync", readers * 5), readers, get);
      const token = await runLoad(requests("/api/sync/latest", readers * 10), readers, get);
      const plan = openWardListPlan(cookies, openLoopSeconds * 1000);
      const open = await runOpenLoop(plan, get);
      return {
        database: ward.target,
        readers,
        patientsOnWard: ward.patientsOnWard,
        closedLoop: {
          note: `${readers} requests always in flight: the saturation of one app process, not a realistic load`,
          wardCensus: census,
          changeToken: token,
        },
        openLoop: {
          note: `${readers} open ward lists for ${openLoopSeconds} s: token every ${pollEveryMs / 1000} s, ward list (/api/sync) every ${wardListEveryMs / 1000} s; latency from planned send time`,
          plannedPerSecond: Math.round(plan.length / openLoopSeconds),
          ...open,
        },
      };
    },
  );
}
