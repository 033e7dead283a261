/**
 * A signed-in ward for the benchmarks that read as staff: loads an ADT census into a fresh target,
 * creates one clinician with access to one ward, mints N session cookies for them the way Auth.js
 * would (session row + JWT naming it), and starts `next start` with the matching AUTH_SECRET.
 * Sessions are minted directly rather than through the launcher: the figures are about reading,
 * and 200 launcher sign-ins would only measure the sign-in path.
 */
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { DemoFacility } from "@/demo/generator/hospital";
import { createSession } from "@/lib/auth/sessions/session-store";
import { applyMessage } from "@/lib/census/apply-message";
import type { BenchTarget } from "./bench-targets";
import { benchScenario } from "./ingest-bench";
import { type RunningServer, startNextServer } from "./next-server";

/** The local-shape cookie (lib/server/auth/next-auth.ts); `__Secure-` outside APP_ENV=local. */
export const sessionCookieName = "downtime.session";

export interface SignedInWard {
  server: RunningServer;
  target: BenchTarget["name"];
  wardId: string;
  wardPath: string;
  patientsOnWard: number;
  /** One JWT per session, the value of `sessionCookieName`. */
  sessionTokens: string[];
  /** `Cookie` header for session `i` (wraps around). */
  cookieHeader(i: number): string;
}

export interface SignedInWardOptions {
  sessions: number;
  currentInpatients?: number;
  historyDays?: number;
  serverEnv?: Record<string, string>;
}

/** Runs `use` against a fresh target with a signed-in ward and the app running; always cleans up. */
export async function withSignedInWard<R>(
  makeTarget: () => Promise<BenchTarget>,
  hospital: DemoFacility[],
  options: SignedInWardOptions,
  use: (ward: SignedInWard) => Promise<R>,
): Promise<R> {
  const target = await makeTarget();
  try {
    const authSecret = randomBytes(32).toString("base64url");
    const db = await target.open();
    let setup: Omit<SignedInWard, "server" | "target" | "cookieHeader">;
    try {
      setup = await prepare(db, hospital, options, authSecret);
    } finally {
      // PGlite: the app cannot open the folder while this process holds it.
      await db.close();
    }
    const server = await startNextServer({
      ...target.serverEnv,
      AUTH_SECRET: authSecret,
      ...options.serverEnv,
    });
    try {
      const { sessionTokens } = setup;
      return await use({
        ...setup,
        server,
        target: target.name,
        cookieHeader: (i) => `${sessionCookieName}=${sessionTokens[i % sessionTokens.length]}`,
      });
    } finally {
      await server.stop();
    }
  } finally {
    await target.dispose();
  }
}

async function prepare(
  db: Awaited<ReturnType<BenchTarget["open"]>>,
  hospital: DemoFacility[],
  { sessions, currentInpatients = 800, historyDays = 3 }: SignedInWardOptions,
  authSecret: string,
) {
  for (const item of benchScenario(hospital, currentInpatients, historyDays)) {
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
  const sessionTokens: string[] = [];
  for (let i = 0; i < sessions; i++) {
    const session = await createSession(db, {
      userId: user.id,
      method: "launcher",
      ip: "127.0.0.1",
      userAgent: "bench",
      now: new Date(),
    });
    sessionTokens.push(
      await encode({ token: { sid: session.id }, secret: authSecret, salt: sessionCookieName }),
    );
  }
  const patientsOnWard = (
    await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM stay WHERE ward_id = $1 AND status IN ('admitted','on-leave','pre-admitted','registered')",
      [ward.id],
    )
  ).rows[0]!.n;
  return { wardId: ward.id, wardPath: `/wards/${ward.id}`, patientsOnWard, sessionTokens };
}
