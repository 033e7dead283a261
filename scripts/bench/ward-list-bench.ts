/**
 * Ward-list reads under load: 200 signed-in readers at once asking for their ward's census over
 * HTTP (`/api/sync`, the ward list as JSON: scope check, census query, one audit row per patient)
 * and for the cheap change token the open ward lists poll (`/api/sync/latest`). PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { applyMessage } from "@/lib/census/apply-message";
import type { DemoFacility } from "@/lib/demo/hospital";
import { createSession } from "@/lib/server/auth/session-store";
import type { BenchTarget } from "./bench-targets";
import { benchScenario } from "./ingest-bench";
import { startNextServer } from "./next-server";
import { runLoad } from "./stats";

const cookieName = "downtime.session"; // the local-shape cookie (lib/server/auth/next-auth.ts)

export async function wardListBench(
  makeTarget: () => Promise<BenchTarget>,
  hospital: DemoFacility[],
  readers = 200,
) {
  const target = await makeTarget();
  const db = await target.open();
  const authSecret = randomBytes(32).toString("base64url");
  try {
    for (const item of benchScenario(hospital, 800, 3)) {
      await applyMessage(
        db,
        { source: "bench", controlId: item.controlId, protocol: "hl7v2", events: [item.event] },
        { tombstoneKey: "bench" },
      );
    }
    const ward = (
      await db.query<{ id: string }>(
        "SELECT w.id FROM ward w JOIN facility f ON f.id = w.facility_id WHERE f.code = 'RXD01' ORDER BY w.code LIMIT 1",
      )
    ).rows[0]!;
    const user = (
      await db.query<{ id: string }>(
        `INSERT INTO staff_user (username, display_name, roles) VALUES ('bench\\nurse', 'Bench Nurse', '["clinician"]') RETURNING id`,
      )
    ).rows[0]!;
    await db.query("INSERT INTO user_ward_access (user_id, ward_id) VALUES ($1, $2)", [user.id, ward.id]);
    const cookies: string[] = [];
    for (let i = 0; i < readers; i++) {
      const session = await createSession(db, {
        userId: user.id,
        method: "launcher",
        ip: "127.0.0.1",
        userAgent: "bench",
        now: new Date(),
      });
      const jwt = await encode({ token: { sid: session.id }, secret: authSecret, salt: cookieName });
      cookies.push(`${cookieName}=${jwt}`);
    }
    const patients = (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM stay WHERE ward_id = $1 AND status IN ('admitted','on-leave','pre-admitted','registered')",
        [ward.id],
      )
    ).rows[0]!.n;
    await db.close();

    const server = await startNextServer({
      ...target.serverEnv,
      AUTH_SECRET: authSecret,
      DATABASE_POOL_MAX: "20",
    });
    try {
      const requests = (path: string, count: number) =>
        Array.from({ length: count }, (_, i) => ({ path, cookie: cookies[i % readers]! }));
      const get = async ({ path, cookie }: { path: string; cookie: string }) =>
        (await fetch(`${server.origin}${path}`, { headers: { cookie } })).status === 200;
      await runLoad(requests("/api/sync/latest", readers), readers, get); // warm-up
      const census = await runLoad(requests("/api/sync", readers * 5), readers, get);
      const token = await runLoad(requests("/api/sync/latest", readers * 10), readers, get);
      return {
        database: target.name,
        readers,
        patientsOnWard: patients,
        wardCensus: census,
        changeToken: token,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await target.dispose();
  }
}
