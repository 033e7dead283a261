/**
 * The API key admin API over HTTP, and what a key does once issued: create (shown once), list with
 * last used, revoke, rotate (the old key refused at once), each audited with who, what, before and
 * after; only admins (checked on the server). Posting HL7 with the key feeds the feed-health
 * counters, rejections included. The session layer is replaced by a fixed principal.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const keys = await import("./route");
const revoke = await import("./[id]/revoke/route");
const rotate = await import("./[id]/rotate/route");
const hl7 = await import("@/app/api/ingest/hl7v2/route");
const fhir = await import("@/app/api/ingest/fhir/route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { answersPerSource, recentRejections } = await import("@/lib/ingest/feed-health/feed-history");
const { feedSources } = await import("@/lib/ingest/feed-health/feed-sources");

const admin = testPrincipal(["admin"], { username: "trust\\key-admin" });
const json = (body: unknown) =>
  new Request("http://localhost/api/admin/api-keys", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });
const idOf = (id: string) => ({ params: Promise.resolve({ id }) });
const message = (control: string, pid = "PID|1||RXD7000001^^^RXD01^MR||KEYS^KIM||19700101|F") =>
  [
    `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261204101000||ADT^A01^ADT_A01|${control}|P|2.4`,
    "EVN|A01|20261204101000",
    pid,
    "PV1|1|I|ALD101^BAY1^B09^RXD01||||||||||||||||V-KEYS-1",
  ].join("\r");
const postHl7 = (key: string, body: string) =>
  hl7.POST(
    new Request("http://localhost/api/ingest/hl7v2", {
      method: "POST",
      body,
      headers: { "X-API-Key": key, "Content-Type": "x-application/hl7-v2+er7" },
    }),
  );

interface IssuedBody {
  client: { id: string; name: string; keyPrefix: string; lastUsedAt?: string; revokedAt?: string };
  key: string;
}

describe("API key admin routes", () => {
  // Start-up (migrations, the demo hospital) outside the first test's timeout: slow on a busy machine.
  beforeAll(() => getAppContext(), 180_000);
  afterAll(async () => (await getAppContext()).db.close());

  it("refuse anonymous callers (401) and other roles (403), issuing nothing", async () => {
    for (const who of [null, testPrincipal(["clinician", "ward-clerk", "ig-auditor"])]) {
      signedIn.current = who;
      const expected = who ? 403 : 401;
      const answers = [
        await keys.GET(),
        await keys.POST(json({ name: "Evil", facilityCodes: ["RXD01"] })),
        await revoke.POST(json({}), idOf("00000000-0000-4000-8000-000000000000")),
        await rotate.POST(json({}), idOf("00000000-0000-4000-8000-000000000000")),
      ];
      for (const answer of answers) expect(answer.status).toBe(expected);
    }
    signedIn.current = admin;
    const listed = (await (await keys.GET()).json()) as { name: string }[];
    expect(listed.map((client) => client.name)).not.toContain("Evil");
  });

  it("answer bad input with a problem, never a 500", async () => {
    signedIn.current = admin;
    for (const body of [
      { name: "", facilityCodes: ["RXD01"] },
      { name: "No site", facilityCodes: [] },
      { name: "X", facilityCodes: ["NOPE9"] },
      [],
    ]) {
      const answer = await keys.POST(json(body));
      expect(answer.status).toBe(400);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
    }
    expect((await revoke.POST(json({}), idOf("not-a-uuid"))).status).toBe(404);
    expect((await rotate.POST(json({}), idOf("00000000-0000-4000-8000-000000000000"))).status).toBe(404);
  });

  it("create a key shown once, list it with last used, rotate it (old key refused), revoke it; all audited", async () => {
    signedIn.current = admin;
    const created = await keys.POST(json({ name: "Rhapsody TEST", facilityCodes: ["RXD01"] }));
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const first = (await created.json()) as IssuedBody;
    expect(first.key).toMatch(/^dtk_[a-z2-7]{8}_/);
    const listedBefore = (await (await keys.GET()).json()) as IssuedBody["client"][];
    const row = listedBefore.find((client) => client.id === first.client.id)!;
    expect(row.lastUsedAt).toBeUndefined();
    expect(JSON.stringify(listedBefore)).not.toContain(first.key.slice(13));

    // Used: AA for a good message, AR for one without a family name; both counted per source.
    expect((await postHl7(first.key, message("K-1"))).status).toBe(200);
    expect(
      (await postHl7(first.key, message("K-2", "PID|1||RXD7000002^^^RXD01^MR||^NOFAMILY||19700101|F")))
        .status,
    ).toBe(200);
    const listedAfter = (await (await keys.GET()).json()) as IssuedBody["client"][];
    expect(listedAfter.find((client) => client.id === first.client.id)!.lastUsedAt).toEqual(
      expect.any(String),
    );
    const { db } = await getAppContext();
    const source = `${first.client.id}|PAS|RXD01`;
    const totals = (await answersPerSource(db, new Date(Date.now() - 60 * 60_000))).find(
      (t) => t.source === source,
    );
    expect(totals?.counts).toEqual({ AA: 1, AE: 0, AR: 1, unavailable: 0 });
    const rejected = await recentRejections(db, { since: new Date(0), limit: 10, offset: 0 });
    expect(rejected.rejections).toEqual([
      expect.objectContaining({
        source,
        controlId: "K-2",
        ackCode: "AR",
        reason: "PID-5 has no family name",
      }),
    ]);
    expect(JSON.stringify(rejected)).not.toMatch(/RXD7000002|NOFAMILY/);
    expect((await feedSources(db, 15)).find((s) => s.source === source)?.label).toBe(
      "Rhapsody TEST · PAS · RXD01",
    );

    // FHIR is counted per request by its HTTP status, under the key's FHIR source.
    const refusedFhir = await fhir.POST(
      new Request("http://localhost/api/ingest/fhir", {
        method: "POST",
        body: JSON.stringify({ resourceType: "Patient" }),
        headers: { "X-API-Key": first.key, "Content-Type": "application/fhir+json" },
      }),
    );
    expect(refusedFhir.status).toBeGreaterThanOrEqual(400);
    const fhirTotals = (await answersPerSource(db, new Date(Date.now() - 60 * 60_000))).find(
      (t) => t.source === `${first.client.id}|fhir`,
    );
    expect(fhirTotals?.counts).toEqual({ AA: 0, AE: 0, AR: 1, unavailable: 0 });
    expect((await feedSources(db, 15)).find((s) => s.source === `${first.client.id}|fhir`)?.label).toBe(
      "Rhapsody TEST · FHIR",
    );

    const rotated = await rotate.POST(json({}), idOf(first.client.id));
    expect(rotated.status).toBe(201);
    const second = (await rotated.json()) as IssuedBody;
    expect(second.client).toMatchObject({ name: "Rhapsody TEST" });
    expect(second.key).not.toBe(first.key);
    expect((await postHl7(first.key, message("K-3"))).status).toBe(401);
    expect((await postHl7(second.key, message("K-4"))).status).toBe(200);

    const revoked = await revoke.POST(json({}), idOf(second.client.id));
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as IssuedBody["client"]).revokedAt).toEqual(expect.any(String));
    expect((await postHl7(second.key, message("K-5"))).status).toBe(401);

    const { rows } = await db.query<{ detail: string; username: string; method: string }>(
      "SELECT detail, username, method FROM audit_event WHERE action = 'api-client.changed' ORDER BY occurred_at",
    );
    const details = rows.map((audit) => JSON.parse(audit.detail) as Record<string, unknown>);
    const mine = details.filter((d) => d.clientId === first.client.id || d.clientId === second.client.id);
    expect(mine.map((d) => d.change)).toEqual(["created", "rotated", "revoked"]);
    expect(mine[0]).toMatchObject({
      "after.keyPrefix": first.client.keyPrefix,
      "after.facilityCodes": ["RXD01"],
    });
    expect(mine[1]).toMatchObject({
      newClientId: second.client.id,
      "before.keyPrefix": first.client.keyPrefix,
      "after.keyPrefix": second.client.keyPrefix,
      "old.revokedAt": expect.any(String),
    });
    expect(mine[2]).toMatchObject({ "before.revokedAt": null, "after.revokedAt": expect.any(String) });
    expect(rows.filter((r) => r.username === "trust\\key-admin").length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(rows)).not.toContain(first.key);
  });
});
