/**
 * Ward-list reads by 200 signed-in readers over HTTP: the ward list as JSON (`/api/wards/{id}`:
 * change token, scope check, census query, one audit statement per request), the offline sync feed
 * (`/api/sync`) and the change token open ward lists poll (`/api/sync/latest?ward=`, conditional:
 * If-None-Match with the last ETag, answered 304 while nothing changed). PostgreSQL.
 * Two shapes, reported separately:
 * - closed loop (autocannon): 200 requests always in flight. This is the saturation of one Next.js
 *   process (throughput ceiling), not what 200 open ward lists cause.
 * - open loop: 200 readers behaving like open ward lists (components/ward-list/use-change-polling.ts
 *   polls the token every 2 s; the list is re-read when it moves, modelled as every 30 s, a busy
 *   ward; OfflineSync runs a round every 60 s), each series starting at a random offset.
 */
import type { DemoFacility } from "@/demo/generator/hospital";
import type { BenchTarget } from "./bench-targets";
import { closedLoop, keepAliveGet } from "./http-load";
import { withSignedInWard } from "./signed-in-ward";
import { type PlannedRequest, runOpenLoop } from "./stats";

const pollEveryMs = 2_000;
const wardListEveryMs = 30_000;
const syncEveryMs = 60_000;

interface Read {
  path: string;
  reader: number;
  conditional: boolean;
}

/** Every reader's requests for `durationMs`, each series starting at a random offset in its period. */
function openWardListPlan(
  readers: number,
  paths: { wardList: string; changeToken: string },
  durationMs: number,
): PlannedRequest<Read>[] {
  const plan: PlannedRequest<Read>[] = [];
  const series = (group: string, read: Read, everyMs: number) => {
    for (let at = Math.random() * everyMs; at < durationMs; at += everyMs)
      plan.push({ atMs: at, group, item: read });
  };
  for (let reader = 0; reader < readers; reader++) {
    series("changeToken", { path: paths.changeToken, reader, conditional: true }, pollEveryMs);
    series("wardList", { path: paths.wardList, reader, conditional: false }, wardListEveryMs);
    series("offlineSync", { path: "/api/sync", reader, conditional: false }, syncEveryMs);
  }
  return plan;
}

export async function wardListBench(
  makeTarget: () => Promise<BenchTarget>,
  hospital: DemoFacility[],
  { readers = 200, openLoopSeconds = 30 }: { readers?: number; openLoopSeconds?: number } = {},
) {
  return withSignedInWard(
    makeTarget,
    hospital,
    { sessions: readers, serverEnv: { DATABASE_POOL_MAX: "20" } },
    async (ward) => {
      const origin = ward.server.origin;
      const cookieFor = (i: number) => ({ cookie: ward.cookieHeader(i) });
      const changeToken = `/api/sync/latest?ward=${ward.wardId}`;
      const wardListApi = `/api/wards/${ward.wardId}`;
      const closed = (path: string, amount: number, ifNoneMatch?: string) =>
        closedLoop({
          origin,
          path,
          connections: readers,
          amount,
          headersFor: cookieFor,
          ...(ifNoneMatch ? { ifNoneMatch } : {}),
          okStatuses: ifNoneMatch ? [200, 304] : [200],
        });
      await closed(changeToken, readers); // warm-up: compiles routes, fills pools
      const wardList = await closed(wardListApi, readers * 5);
      const sync = await closed("/api/sync", readers * 5);
      // As open screens poll an unchanged ward: with the ETag of its current token.
      const current = await keepAliveGet(`${origin}${changeToken}`, cookieFor(0));
      const token = await closed(changeToken, readers * 10, String(current.headers.etag ?? ""));

      const etags = new Map<number, string>();
      let notModified = 0;
      const get = async ({ path, reader, conditional }: Read) => {
        const etag = conditional ? etags.get(reader) : undefined;
        const answer = await keepAliveGet(`${origin}${path}`, {
          ...cookieFor(reader),
          ...(etag ? { "if-none-match": etag } : {}),
        });
        if (conditional && typeof answer.headers.etag === "string") etags.set(reader, answer.headers.etag);
        if (conditional && answer.status === 304) notModified++;
        return answer.status === 200 || (conditional && answer.status === 304);
      };
      const plan = openWardListPlan(readers, { wardList: wardListApi, changeToken }, openLoopSeconds * 1000);
      const open = await runOpenLoop(plan, get);
      return {
        database: ward.target,
        readers,
        patientsOnWard: ward.patientsOnWard,
        closedLoop: {
          note: `${readers} requests always in flight (autocannon): the saturation of one app process, not a realistic load`,
          wardList,
          offlineSync: sync,
          changeToken: token,
        },
        openLoop: {
          note: `${readers} open ward lists for ${openLoopSeconds} s: token every ${pollEveryMs / 1000} s (If-None-Match), ward list every ${wardListEveryMs / 1000} s, offline sync every ${syncEveryMs / 1000} s; latency from planned send time`,
          plannedPerSecond: Math.round(plan.length / openLoopSeconds),
          changeTokenNotModified: notModified,
          ...open,
        },
      };
    },
  );
}
