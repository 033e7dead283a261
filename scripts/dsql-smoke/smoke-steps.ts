/**
 * The steps of `npm run dsql:smoke` (scripts/dsql-smoke.ts): what the app does first on a new
 * cluster, each through the app's own modules and timed. Migrate an empty database, load one
 * facility and ward, ingest a few ADT messages, sign a user in from a ward PC (a real launcher
 * token, verified and turned into a session), read the ward as that user (audited), and purge.
 * The data is the smoke test's own (facility SMOKE, fake identifiers); the database must be empty
 * when it starts, because the purge step purges whatever is due.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { AdtEvent, AdtEventKind } from "@/lib/adt/events";
import { registerDevice } from "@/lib/auth/launcher/devices";
import { principalForSession } from "@/lib/auth/sessions/session-store";
import { launcherSignIn } from "@/lib/auth/sign-in/launcher-sign-in";
import { applyMessage } from "@/lib/census/apply-message";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { runPurge } from "@/lib/retention/run-purge";
import { runMigrations } from "@/lib/server/db/migrate";
import { createFileStore } from "@/lib/server/storage/files";
import { createStaffUser } from "@/lib/staff/staff-directory";
import { wardCensus } from "@/lib/ward-list/ward-census";

export interface SmokeStep {
  name: string;
  /** What the step does, for the plan (--dry-run) and the report. */
  does: string;
}

export const smokeSteps: SmokeStep[] = [
  {
    name: "migrate",
    does: "apply every migration to the empty database (DDL one statement per transaction)",
  },
  { name: "empty-check", does: "refuse to go on if the database already holds facilities" },
  { name: "seed", does: "save facility SMOKE with ward SMK, a clinician with that ward, a ward PC key" },
  { name: "ingest", does: "apply 5 ADT messages: 3 admissions, a transfer, a discharge" },
  {
    name: "sign-in",
    does: "sign the clinician in with a launcher token (verify, single-use jti, session, audit)",
  },
  { name: "read-ward", does: "read ward SMK as the clinician (scope check, snapshot, audit rows)" },
  { name: "purge", does: "purge what is due a year from now (the smoke test's own patients)" },
];

export interface StepTiming {
  name: string;
  ms: number;
  detail: string;
}

const audience = "https://downtime-smoke.invalid";

function event(kind: AdtEventKind, trigger: string, at: string, mrn: string, bed: string): AdtEvent {
  return {
    kind,
    trigger,
    facilityCode: "SMOKE",
    eventAt: new Date(at),
    patient: { mrn, demographics: { familyName: `Smoke${mrn.slice(-1)}`, givenNames: "Test" } },
    visit: { visitNumber: `V-${mrn}`, location: { ward: "SMK", bed } },
  };
}

/** Runs every step against `db`, calling `onStep` as each finishes; throws at the first failure. */
export async function runSmoke(
  db: Database,
  onStep: (timing: StepTiming) => void = () => {},
): Promise<StepTiming[]> {
  const timings: StepTiming[] = [];
  const step = async (name: string, work: () => Promise<string>) => {
    const started = performance.now();
    const detail = await work();
    const timing = { name, ms: Math.round(performance.now() - started), detail };
    timings.push(timing);
    onStep(timing);
  };
  const now = new Date();
  const deviceId = `SMOKE-PC-${randomUUID().slice(0, 8)}`;
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  let sessionId = "";
  let wardId = "";

  await step("migrate", async () => `${(await runMigrations(db)).length} migrations applied`);
  await step("empty-check", async () => {
    const { rows } = await db.query<{ n: number | string }>("SELECT count(*) AS n FROM facility");
    const facilities = Number(rows[0]?.n ?? 0);
    if (facilities > 0) {
      throw new Error(
        `The database already holds ${facilities} facilities; run the smoke test on an empty database only`,
      );
    }
    return "empty";
  });
  await step("seed", async () => {
    await saveFacilities(db, [
      { code: "SMOKE", name: "Smoke test", wards: [{ code: "SMK", name: "Smoke ward", bedCount: 4 }] },
    ]);
    wardId = (await db.query<{ id: string }>("SELECT id FROM ward WHERE code = 'SMK'")).rows[0]!.id;
    await createStaffUser(
      db,
      {
        username: "SMOKE\\clinician",
        displayName: "Smoke Clinician",
        roles: ["clinician"],
        wards: ["SMOKE/SMK"],
        nonProdAllowed: true,
      },
      { username: "dsql-smoke" },
    );
    await registerDevice(db, {
      id: deviceId,
      name: "Smoke test PC",
      location: "Smoke ward",
      publicJwk: await exportJWK(publicKey),
      by: { username: "dsql-smoke", method: "system" },
    });
    return "1 facility, 1 ward, 1 user, 1 device";
  });
  await step("ingest", async () => {
    const messages: AdtEvent[][] = [
      [event("admit", "A01", "2026-01-01T08:00:00Z", "SMK0001", "B1")],
      [event("admit", "A01", "2026-01-01T08:05:00Z", "SMK0002", "B2")],
      [event("admit", "A01", "2026-01-01T08:10:00Z", "SMK0003", "B3")],
      [event("transfer", "A02", "2026-01-01T09:00:00Z", "SMK0002", "B4")],
      [event("discharge", "A03", "2026-01-01T10:00:00Z", "SMK0003", "B3")],
    ];
    let applied = 0;
    for (const [index, events] of messages.entries()) {
      const result = await applyMessage(
        db,
        { source: "dsql-smoke", controlId: `SMOKE-${index + 1}`, protocol: "json", events },
        { tombstoneKey: "dsql-smoke" },
      );
      if (result.status === "applied") applied += 1;
    }
    return `${applied} of ${messages.length} applied`;
  });
  await step("sign-in", async () => {
    const iat = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ device: deviceId })
      .setProtectedHeader({ alg: "ES256", kid: deviceId })
      .setSubject("SMOKE\\clinician")
      .setAudience(audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 90)
      .setJti(randomUUID())
      .sign(privateKey);
    const outcome = await launcherSignIn(db, {
      token,
      audience,
      appEnv: "mock",
      ip: "127.0.0.1",
      userAgent: "dsql-smoke",
      now,
    });
    if (!outcome.ok) throw new Error(`Sign-in refused: ${outcome.reason}`);
    sessionId = outcome.sessionId;
    return "session started";
  });
  await step("read-ward", async () => {
    const principal = await principalForSession(db, sessionId, {
      ip: "127.0.0.1",
      userAgent: "dsql-smoke",
      now,
    });
    if (!principal) throw new Error("The new session does not resolve to a user");
    const census = await wardCensus(db, principal, wardId, now);
    if (census.entries.length !== 2)
      throw new Error(`Expected 2 patients on the ward, found ${census.entries.length}`);
    return `${census.entries.length} patients`;
  });
  await step("purge", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "dsql-smoke-"));
    try {
      const later = new Date(now.getTime() + 400 * 24 * 3_600_000);
      const summary = await runPurge({
        db,
        storage: createFileStore({ root }),
        tombstoneKey: "dsql-smoke",
        now: later,
      });
      return `${summary.patients} patients purged`;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  return timings;
}
