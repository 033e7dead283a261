/**
 * Ward-list reads by 200 signed-in readers over HTTP: the ward list as JSON (`/api/wards/{id}`:
 * change token, scope check, census query, one audit row per patient), the offline sync feed
 * (`/api/sync`) and the cheap change token open ward lists poll (`/api/sync/latest`). PostgreSQL.
 * Two shapes, reported separately:
 * - closed loop: 200 requests always in flight. This is the saturation of one Next.js process
 *   (throughput ceiling), not what 200 open ward lists cause.
 * - open loop: 200 readers behaving like open ward lists (components/ward-list/use-change-polling.ts
 *   polls the token every 2 s; the list is re-read when it moves, modelled as every 30 s, a busy
 *   ward; OfflineSync runs a round every 60 s), each series starting at a random offset.
 */
import type { DemoFacility } from "@/demo/generator/hospital";
import type { BenchTarget } from "./bench-targets";
import { withSignedInWard } from "./signed-in-ward";
import { type PlannedRequest, runLoad, runOpenLoop } from "./stats";

const pollEveryMs = 2_000;
const wardListEveryMs = 30_000;
const syncEveryMs = 60_000;

interface Read {
  path: string;
  cookie: string;
}

/** Every reader's requests for `durationMs`, each series starting at a random offset in its period. */
function openWardListPlan(
  cookies: string[],
  paths: { wardList: string; changeToken: string },
  durationMs: number,
): PlannedRequest<Read>[] {
  const plan: PlannedRequest<Read>[] = [];
  const series = (group: string, path: string, cookie: string, everyMs: number) => {
    for (let at = Math.random() * everyMs; at < durationMs; at += everyMs)
      plan.push({ atMs: at, group, item: { path, cookie } });
  };
  for (const cookie of cookies) {
    series("changeToken", paths.changeToken, cookie, pollEveryMs);
    series("wardList", paths.wardList, cookie, wardListEveryMs);
    series("offlineSync", "/api/sync", cookie, syncEveryMs);
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
      // The token as an open ward list polls it: narrowed to its ward.
      const changeToken = `/api/sync/latest?ward=${ward.wardId}`;
      await runLoad(requests(changeToken, readers), readers, get); // warm-up
      const wardListApi = `/api/wards/${ward.wardId}`;
      const wardList = await runLoad(requests(wardListApi, readers * 5), readers, get);
      const sync = await runLoad(requests("/api/sync", readers * 5), readers, get);
      const token = await runLoad(requests(changeToken, readers * 10), readers, get);
      const plan = openWardListPlan(cookies, { wardList: wardListApi, changeToken }, openLoopSeconds * 1000);
      const open = await runOpenLoop(plan, get);
      return {
        database: ward.target,
        readers,
        patientsOnWard: ward.patientsOnWard,
        closedLoop: {
          note: `${readers} requests always in flight: the saturation of one app process, not a realistic load`,
          wardList,
          offlineSync: sync,
          changeToken: token,
        },
        openLoop: {
          note: `${readers} open ward lists for ${openLoopSeconds} s: token every ${pollEveryMs / 1000} s, ward list every ${wardListEveryMs / 1000} s, offline sync every ${syncEveryMs / 1000} s; latency from planned send time`,
          plannedPerSecond: Math.round(plan.length / openLoopSeconds),
          ...open,
        },
      };
    },
  );
}
