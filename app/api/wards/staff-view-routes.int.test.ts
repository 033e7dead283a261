/**
 * The JSON the ward list and patient screens draw after their device copy: refusals decided on
 * the server (no session, wrong role, another ward, unknown stay), and every patient sent audited.
 * The session layer is replaced by a fixed principal; scope checks and audit run for real.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { censusEntrySchema } from "@/lib/offline/census-entry-schema";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const wardRoute = await import("./[wardId]/route");
const patientRoute = await import("@/app/api/patients/[id]/route");
const changeTokenRoute = await import("@/app/api/sync/latest/route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { changeTokenCacheMs, noteCensusWrite } = await import("@/lib/sync/change-token-cache");
const hl7Route = await import("@/app/api/ingest/hl7v2/route");
const { createApiClient } = await import("@/lib/api-clients/api-clients");

const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const get = (url: string) => new Request(`http://localhost${url}`);

async function demoClinician() {
  const { db } = await getAppContext();
  const { rows } = await db.query<{ id: string }>(
    "SELECT id FROM staff_user WHERE lower(username) = 'demo\\clinician'",
  );
  return testPrincipal(["clinician"], { userId: rows[0]!.id, username: "demo\\clinician" });
}

async function wardsOf(userId: string) {
  const { db } = await getAppContext();
  const { rows } = await db.query<{ ward_id: string }>(
    "SELECT ward_id FROM user_ward_access WHERE user_id = $1 ORDER BY ward_id",
    [userId],
  );
  return rows.map((row) => row.ward_id);
}

async function auditCount(userId: string, action: string, outcome = "success") {
  const { db } = await getAppContext();
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_event WHERE user_id = $1 AND action = $2 AND outcome = $3",
    [userId, action, outcome],
  );
  return rows[0]!.n;
}

describe("staff view JSON routes", () => {
  afterAll(async () => (await getAppContext()).db.close());

  it("answer 401 without a session and 403 to a role that reads no patients", async () => {
    const { db } = await getAppContext();
    const ward = (await db.query<{ id: string }>("SELECT id FROM ward LIMIT 1")).rows[0]!.id;
    for (const [who, status] of [
      [null, 401],
      [testPrincipal(["admin"]), 403],
    ] as const) {
      signedIn.current = who;
      expect((await wardRoute.GET(get(`/api/wards/${ward}`), params({ wardId: ward }))).status).toBe(status);
      const stay = "00000000-0000-4000-8000-000000000001";
      expect((await patientRoute.GET(get(`/api/patients/${stay}`), params({ id: stay }))).status).toBe(
        status,
      );
    }
  });

  it("send a ward in scope with every entry in the offline cache's shape, audited as one view listing each patient", async () => {
    const clinician = await demoClinician();
    signedIn.current = clinician;
    const { db } = await getAppContext();
    // The clinician's busiest ward: a small demo census can leave one of their wards empty.
    const ward = (
      await db.query<{ ward_id: string }>(
        `SELECT a.ward_id FROM user_ward_access a JOIN stay s ON s.ward_id = a.ward_id AND s.status = 'admitted'
          WHERE a.user_id = $1 GROUP BY a.ward_id ORDER BY count(*) DESC LIMIT 1`,
        [clinician.userId],
      )
    ).rows[0]?.ward_id;
    expect(ward, "the demo census puts patients on the clinician's wards").toBeDefined();
    const before = await auditCount(clinician.userId, "patient.view");
    const viewsBefore = await auditCount(clinician.userId, "ward.view");
    const response = await wardRoute.GET(get(`/api/wards/${ward}`), params({ wardId: ward! }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = (await response.json()) as { ward: { id: string }; asOf: string; entries: unknown[] };
    expect(body.ward.id).toBe(ward);
    expect(Number.isNaN(Date.parse(body.asOf))).toBe(false);
    expect(body.entries.length).toBeGreaterThan(0);
    for (const entry of body.entries) expect(censusEntrySchema.safeParse(entry).success).toBe(true);
    // A ward list shown is a ward.view listing its patients, not an open of each.
    expect(await auditCount(clinician.userId, "patient.view")).toBe(before);
    expect(await auditCount(clinician.userId, "ward.view")).toBe(viewsBefore + 1);
    const listed = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event_patient ap JOIN audit_event a ON a.id = ap.audit_event_id
        WHERE a.user_id = $1 AND a.action = 'ward.view' AND a.ward_id = $2
          AND a.occurred_at = (SELECT max(occurred_at) FROM audit_event WHERE user_id = $1 AND action = 'ward.view')`,
      [clinician.userId, ward],
    );
    const patients = new Set(
      body.entries.map((entry) => (entry as { patient: { patientId: string } }).patient.patientId),
    );
    expect(listed.rows[0]!.n).toBe(patients.size);
  });

  it("answer a ward with the token its screen polls, which a change on another of the user's wards leaves alone", async () => {
    const clinician = await demoClinician();
    signedIn.current = clinician;
    const mine = await wardsOf(clinician.userId);
    const [ward, other] = mine;
    expect(other, "the demo clinician has more than one ward").toBeDefined();
    const polled = async (wardId: string) =>
      (
        (await (await changeTokenRoute.GET(get(`/api/sync/latest?ward=${wardId}`))).json()) as {
          token: string;
        }
      ).token;
    const answer = (await (
      await wardRoute.GET(get(`/api/wards/${ward}`), params({ wardId: ward! }))
    ).json()) as {
      token: string;
    };
    // Equal: an unchanged ward is confirmed by the poll, not re-read (and re-audited) every 2 s.
    expect(await polled(ward!)).toBe(answer.token);
    // A patient from outside the user's wards is moved onto their other ward.
    const { db } = await getAppContext();
    const otherBefore = await polled(other!);
    const moved = await db.query(
      `UPDATE stay SET ward_id = $1, updated_at = now()
        WHERE id = (SELECT id FROM stay WHERE status = 'admitted'
                       AND ward_id NOT IN (${mine.map((_, i) => `$${i + 2}`).join(", ")}) LIMIT 1)`,
      [other, ...mine],
    );
    expect(moved.rowCount).toBe(1);
    noteCensusWrite(); // as the ingest routes do after a write on this process
    expect(await polled(other!)).not.toBe(otherBefore);
    expect(await polled(ward!)).toBe(answer.token);
  });

  it("answer an unchanged poll 304 to its ETag, and 200 with a new ETag once an ADT message lands", async () => {
    const clinician = await demoClinician();
    signedIn.current = clinician;
    const [ward] = await wardsOf(clinician.userId);
    const url = `/api/sync/latest?ward=${ward}`;
    const poll = (etag?: string) =>
      changeTokenRoute.GET(
        new Request(`http://localhost${url}`, etag ? { headers: { "If-None-Match": etag } } : {}),
      );
    const first = await poll();
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const unchanged = await poll(etag!);
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");
    expect(unchanged.headers.get("etag")).toBe(etag);
    expect(unchanged.headers.get("cache-control")).toBe("no-store");
    expect((await poll('"someone-elses", ' + etag)).status).toBe(304);
    expect((await poll('"stale"')).status).toBe(200);

    // An admission onto that ward through the HL7 route of this process: the next poll sees it.
    const { db } = await getAppContext();
    const wardCode = (
      await db.query<{ code: string; facility: string }>(
        "SELECT w.code, f.code AS facility FROM ward w JOIN facility f ON f.id = w.facility_id WHERE w.id = $1",
        [ward],
      )
    ).rows[0]!;
    const { key } = await createApiClient(db, { name: "ETag test", facilityCodes: [wardCode.facility] });
    const hl7 = [
      `MSH|^~\\&|PAS|${wardCode.facility}|DOWNTIME|${wardCode.facility}|20261120120000||ADT^A01|ETAG-1|P|2.5`,
      "EVN|A01|20261120120000",
      `PID|1||ETAG-MRN^^^${wardCode.facility}^MR||Etag^Test||19800101|F`,
      `PV1|1|I|${wardCode.code}^BAY1^B99^${wardCode.facility}||||||||||||||||ETAG-V1`,
    ].join("\r");
    const ack = await hl7Route.POST(
      new Request("http://localhost/api/ingest/hl7v2", {
        method: "POST",
        headers: { "Content-Type": "x-application/hl7-v2+er7", "X-API-Key": key },
        body: hl7,
      }),
    );
    expect(await ack.text()).toContain("MSA|AA");
    const changed = await poll(etag!);
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(((await changed.json()) as { entries: number }).entries).toBeGreaterThan(0);
  });

  it("see a write made by another process within the change cache's second", async () => {
    const clinician = await demoClinician();
    signedIn.current = clinician;
    const [ward] = await wardsOf(clinician.userId);
    const url = `http://localhost/api/sync/latest?ward=${ward}`;
    const etag = (await changeTokenRoute.GET(new Request(url))).headers.get("etag")!;
    const { db } = await getAppContext();
    // Written straight to the database, as another instance would: this process is not told.
    await db.query("UPDATE stay SET updated_at = now() WHERE ward_id = $1 AND status = 'admitted'", [ward]);
    await new Promise((resolve) => setTimeout(resolve, changeTokenCacheMs + 50));
    const polled = await changeTokenRoute.GET(new Request(url, { headers: { "If-None-Match": etag } }));
    expect(polled.status).toBe(200);
    expect(polled.headers.get("etag")).not.toBe(etag);
  });

  it("answer 400 to a change-token poll for a malformed ward id", async () => {
    signedIn.current = await demoClinician();
    const response = await changeTokenRoute.GET(get("/api/sync/latest?ward=not-a-ward"));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("refuse a ward outside scope with 403 and record the refusal", async () => {
    const clinician = await demoClinician();
    signedIn.current = clinician;
    const { db } = await getAppContext();
    const mine = await wardsOf(clinician.userId);
    const other = (
      await db.query<{ id: string }>(
        `SELECT id FROM ward WHERE id NOT IN (${mine.map((_, i) => `$${i + 1}`).join(", ")}) LIMIT 1`,
        mine,
      )
    ).rows[0]!.id;
    const refusedBefore = await auditCount(clinician.userId, "ward.view", "refused");
    const response = await wardRoute.GET(get(`/api/wards/${other}`), params({ wardId: other }));
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).not.toMatch(/"entries"/);
    expect(await auditCount(clinician.userId, "ward.view", "refused")).toBe(refusedBefore + 1);
  });

  it("send one patient of the clinician's ward, 404 for an unknown stay, 403 for another ward's", async () => {
    const clinician = await demoClinician();
    signedIn.current = clinician;
    const { db } = await getAppContext();
    const mine = await wardsOf(clinician.userId);
    const placeholders = mine.map((_, i) => `$${i + 1}`).join(", ");
    const stayOn = async (inScope: boolean) =>
      (
        await db.query<{ id: string }>(
          `SELECT id FROM stay WHERE status = 'admitted' AND ward_id ${inScope ? "" : "NOT"} IN (${placeholders}) LIMIT 1`,
          mine,
        )
      ).rows[0]!.id;
    const own = await stayOn(true);
    const ok = await patientRoute.GET(get(`/api/patients/${own}`), params({ id: own }));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { record: { stayId: string; access: string; patient: unknown } };
    expect(body.record.stayId).toBe(own);
    expect(body.record.access).toBe("scope");

    const unknown = "00000000-0000-4000-8000-00000000dead";
    expect((await patientRoute.GET(get(`/api/patients/${unknown}`), params({ id: unknown }))).status).toBe(
      404,
    );
    const foreign = await stayOn(false);
    const refused = await patientRoute.GET(get(`/api/patients/${foreign}`), params({ id: foreign }));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).not.toMatch(/familyName|mrn/);
  });

  it("carry each facility's last ADT message time, on the poll, the ward and the patient", async () => {
    const clinician = await demoClinician();
    signedIn.current = clinician;
    const [ward] = await wardsOf(clinician.userId);
    type Feeds = { feeds: { facilityCode: string; lastMessageAt: string | null; silenceMinutes: number }[] };
    const poll = (await (await changeTokenRoute.GET(get("/api/sync/latest"))).json()) as Feeds;
    const list = (await (
      await wardRoute.GET(get(`/api/wards/${ward}`), params({ wardId: ward! }))
    ).json()) as Feeds & { ward: { facilityCode: string } };
    const own = list.feeds.find((feed) => feed.facilityCode === list.ward.facilityCode);
    // The demo hospital is loaded through the HL7 ingest path, so its feed has delivered.
    expect(Date.parse(own!.lastMessageAt!)).toBeGreaterThan(Date.now() - 3_600_000);
    expect(own!.silenceMinutes).toBe(15);
    expect(poll.feeds).toEqual(list.feeds);
  });

  it("answer where a patient discharged from the clinician's ward went instead of a bare 404", async () => {
    const clinician = await demoClinician();
    signedIn.current = clinician;
    const { db } = await getAppContext();
    const mine = await wardsOf(clinician.userId);
    const { rows } = await db.query<{ id: string; ward_name: string }>(
      `SELECT s.id, w.name AS ward_name FROM stay s JOIN ward w ON w.id = s.ward_id
        WHERE s.status = 'admitted' AND s.ward_id IN (${mine.map((_, i) => `$${i + 1}`).join(", ")}) LIMIT 1`,
      mine,
    );
    const stay = rows[0]!;
    await db.query(
      "UPDATE stay SET status = 'discharged', discharged_at = now(), updated_at = now() WHERE id = $1",
      [stay.id],
    );
    const response = await patientRoute.GET(get(`/api/patients/${stay.id}`), params({ id: stay.id }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      record?: unknown;
      departure: { kind: string; fromWardName: string };
    };
    expect(body.record).toBeUndefined();
    expect(body.departure).toMatchObject({ kind: "discharged", fromWardName: stay.ward_name });
    expect(JSON.stringify(body)).not.toMatch(/familyName|mrn/);
  });
});
