/**
 * Attack: writing audit rows through POST /api/audit/offline. The route exists so a phone or ward
 * PC can report reads it made from its offline copy; it used to record whatever it was sent, so
 * any signed-in user could put "patient.view" rows against any patient at any date. Now a report
 * is believed only for a patient the sync feed sent to that session (the ledger, lib/sync), at a
 * time inside that copy's life, and the rest is refused and audited.
 *
 * The real routes run in-process against the embedded app (PGlite, demo hospital); only the
 * session layer is replaced by a fixed principal.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const offlineRoute = await import("@/app/api/audit/offline/route");
const syncRoute = await import("@/app/api/sync/route");
const { getAppContext } = await import("@/lib/runtime/app-context");

const minute = 60_000;

interface Upload {
  status: number;
  body: { recorded?: number; alreadyRecorded?: number; refused?: { eventId: string; reason: string }[] };
}

async function upload(events: Record<string, unknown>[]): Promise<Upload> {
  const response = await offlineRoute.POST(
    new Request("http://localhost/api/audit/offline", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ events }),
    }),
  );
  return { status: response.status, body: (await response.json()) as Upload["body"] };
}

async function syncAll(): Promise<{ patientId: string; stayId: string; wardId: string }[]> {
  const sent: { patientId: string; stayId: string; wardId: string }[] = [];
  let cursor: string | null = null;
  for (let round = 0; round < 20; round++) {
    const url: string = `http://localhost/api/sync${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await syncRoute.GET(new Request(url));
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      hasMore: boolean;
      nextCursor: string;
      upserts: { stayId: string; wardId: string; patient: { patientId: string } }[];
    };
    sent.push(
      ...page.upserts.map((entry) => ({
        patientId: entry.patient.patientId,
        stayId: entry.stayId,
        wardId: entry.wardId,
      })),
    );
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
  return sent;
}

async function offlineRows(userId: string, patientId: string) {
  const { db } = await getAppContext();
  const { rows } = await db.query<{ action: string; offline: boolean; detail: string }>(
    "SELECT action, offline, detail FROM audit_event WHERE user_id = $1 AND patient_id = $2 AND offline",
    [userId, patientId],
  );
  return rows;
}

async function refusals(userId: string) {
  const { db } = await getAppContext();
  const { rows } = await db.query<{ outcome: string; detail: string }>(
    "SELECT outcome, detail FROM audit_event WHERE user_id = $1 AND action = 'audit.offline.refused'",
    [userId],
  );
  return rows.map((row) => ({
    outcome: row.outcome,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  }));
}

const read = (patient: { patientId: string; stayId: string; wardId: string }, at: Date) => ({
  eventId: randomUUID(),
  action: "patient.view",
  at: at.toISOString(),
  stayId: patient.stayId,
  patientId: patient.patientId,
  wardId: patient.wardId,
});

describe("attack: forging offline reads through POST /api/audit/offline", () => {
  let clinician: Principal;
  let sent: { patientId: string; stayId: string; wardId: string }[];
  let notSent: { patientId: string; stayId: string; wardId: string };

  beforeAll(async () => {
    const { db } = await getAppContext();
    // The feed sends only changes a few seconds old (late commits); the demo was loaded just now.
    await db.query("UPDATE stay SET updated_at = updated_at - interval '10 minutes'");
    await db.query("UPDATE patient SET updated_at = updated_at - interval '10 minutes'");
    const { rows } = await db.query<{ id: string }>(
      "SELECT id FROM staff_user WHERE lower(username) = 'demo\\clinician'",
    );
    clinician = testPrincipal(["clinician"], {
      userId: rows[0]!.id,
      username: "demo\\clinician",
      sessionId: randomUUID(),
    });
    signedIn.current = clinician;
    sent = await syncAll();
    expect(sent.length, "the demo clinician's wards have patients").toBeGreaterThan(0);
    const sentIds = sent.map((entry) => entry.patientId);
    const other = await db.query<{ patient_id: string; id: string; ward_id: string }>(
      `SELECT patient_id, id, ward_id FROM stay
        WHERE status = 'admitted' AND patient_id NOT IN (${sentIds.map((_, i) => `$${i + 1}`).join(", ")})
        LIMIT 1`,
      sentIds,
    );
    const row = other.rows[0]!;
    notSent = { patientId: row.patient_id, stayId: row.id, wardId: row.ward_id };
  });
  afterAll(async () => (await getAppContext()).db.close());

  it("refuses a read of a patient this session was never sent, and audits the refusal", async () => {
    signedIn.current = clinician;
    const forged = read(notSent, new Date(Date.now() - minute));
    const answer = await upload([forged]);
    expect(answer.status).toBe(200);
    expect(answer.body.recorded).toBe(0);
    expect(answer.body.refused).toEqual([{ eventId: forged.eventId, reason: "not-sent" }]);
    expect(await offlineRows(clinician.userId, notSent.patientId)).toEqual([]);
    const refused = await refusals(clinician.userId);
    expect(refused.at(-1)).toMatchObject({ outcome: "refused", detail: { refused: 1, "not-sent": 1 } });
  });

  it("refuses a read dated before the copy existed, after it expired, or in the future", async () => {
    signedIn.current = clinician;
    const patient = sent[0]!;
    const lastYear = read(patient, new Date(Date.now() - 365 * 24 * 60 * minute));
    const nextWeek = read(patient, new Date(Date.now() + 7 * 24 * 60 * minute));
    const inTenMinutes = read(patient, new Date(Date.now() + 10 * minute));
    const answer = await upload([lastYear, nextWeek, inTenMinutes]);
    expect(answer.body.recorded).toBe(0);
    expect(answer.body.refused).toEqual([
      { eventId: lastYear.eventId, reason: "before-copy" },
      { eventId: nextWeek.eventId, reason: "in-future" },
      { eventId: inTenMinutes.eventId, reason: "in-future" },
    ]);
    expect(await offlineRows(clinician.userId, patient.patientId)).toEqual([]);
  });

  it("records a genuine offline read once, marked as reported by the device, however often it is sent", async () => {
    signedIn.current = clinician;
    const patient = sent[0]!;
    const genuine = read(patient, new Date(Date.now() + 30_000));
    const first = await upload([genuine]);
    expect(first.body).toEqual({ recorded: 1, alreadyRecorded: 0, refused: [] });
    const again = await upload([genuine]);
    expect(again.body).toEqual({ recorded: 0, alreadyRecorded: 1, refused: [] });
    const rows = await offlineRows(clinician.userId, patient.patientId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "patient.view", offline: true });
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ via: "device-report", eventId: genuine.eventId });
  });

  it("does not let one user report reads on another user's copy", async () => {
    const intruder = testPrincipal(["clinician"], { userId: randomUUID(), sessionId: randomUUID() });
    signedIn.current = intruder;
    const patient = sent[0]!;
    const claimed = { ...read(patient, new Date()), sessionId: clinician.sessionId };
    const answer = await upload([claimed]);
    expect(answer.body.refused).toEqual([{ eventId: claimed.eventId, reason: "not-sent" }]);
    expect(await offlineRows(intruder.userId, patient.patientId)).toEqual([]);
  });

  it("answers 403 to an admin without a clinical role, who has no device copy, and audits it", async () => {
    const admin = testPrincipal(["admin"], { userId: randomUUID(), sessionId: randomUUID() });
    signedIn.current = admin;
    const answer = await upload([read(sent[0]!, new Date())]);
    expect(answer.status).toBe(403);
    expect(await refusals(admin.userId)).toMatchObject([
      { outcome: "refused", detail: { refused: 1, "no-clinical-role": 1 } },
    ]);
  });
});
