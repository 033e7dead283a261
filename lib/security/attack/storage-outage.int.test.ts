/**
 * Attack: the database or the document store goes away mid-stream (issue 12, item 13). A real
 * PostgreSQL server of this test's own is stopped and started again, and the S3-compatible server
 * is killed and restarted, while the real route handlers answer. Every ingest route must then
 * answer 503 with Retry-After in its own language (HL7 AE with MSA-2 echoed, a FHIR
 * OperationOutcome, a JSON problem), while the API key is checked against the database too, and
 * once the outage ends the resent message applies exactly once: nothing half-written remained.
 *
 * As in a Next.js build, the database and store adapters are made by one copy of the modules (the
 * instrumentation bundle's start-up) and the routes run from another copy (vi.resetModules), so
 * the errors the adapters throw are instances of a second AppError class: recognising an outage
 * must not rely on `instanceof`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startS3rver } from "@/lib/server/storage/s3rver.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";
import { postgresBinaries, startThrowawayPostgres } from "./throwaway-postgres.test-kit";

const available = postgresBinaries() !== undefined;
if (!available && process.env.REQUIRE_POSTGRES === "1")
  throw new Error("PostgreSQL binaries required for the outage test");

const server = available ? await startThrowawayPostgres() : undefined;
const s3 = await startS3rver();
startTestApp({
  DATABASE_URL: server?.url ?? "",
  STORAGE_KIND: "s3",
  S3_BUCKET: s3.bucket,
  S3_ENDPOINT: s3.endpoint,
  S3_FORCE_PATH_STYLE: "true",
  AWS_REGION: s3.region,
  AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
  PURGE_INTERVAL_MINUTES: "0",
  DEMO_INPATIENTS: "4",
});

// The start-up copy: builds the shared context (database pool, S3 store) as instrumentation does.
const startUpCopy = await import("@/lib/runtime/app-context");
if (available) await startUpCopy.getAppContext();
vi.resetModules();
// The route copy: its own lib/errors, lib/db/unavailable, lib/to-app-error...
const hl7Route = await import("@/app/api/ingest/hl7v2/route");
const fhirRoute = await import("@/app/api/ingest/fhir/route");
const censusRoute = await import("@/app/api/ingest/census/route");
const documentRoute = await import("@/app/api/ingest/documents/[facility]/[mrn]/[documentId]/route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { createApiClient } = await import("@/lib/api-clients/api-clients");
const { sharedApiClientCache } = await import("@/lib/api-clients/api-client-cache");
const { parseHl7 } = await import("@/lib/hl7/parse");
const { parseBatch } = await import("@/lib/hl7/batch");
const { runPurge } = await import("@/lib/retention/run-purge");

const MRN = "RXD0000901";
const FAMILY = "OUTAGETESTER";
const NHS_NUMBER = "9434765919";

const admit = (control: string) =>
  [
    `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101000||ADT^A01^ADT_A01|${control}|P|2.4`,
    "EVN|A01|20261120101000",
    `PID|1||${MRN}^^^RXD01^MR~${NHS_NUMBER}^^^NHS^NH||${FAMILY}^ALED||19450302|M`,
    "PV1|1|I|ALD101^BAY1^B03^RXD01||||||||||||||||V0901",
  ].join("\r");

/** Filed under the sender's only site; MSH-4 names a system, so the site codes are read first. */
const admitFromSystem = (control: string) =>
  admit(control).replace("|PAS|RXD01|", "|PAS|EPRHOST|").replace("ALD101^BAY1^B03^RXD01", "ALD101^BAY1^B03");

const batch = (...messages: string[]) =>
  `BHS|^~\\&|PAS|RXD01|||20261120101000||||B-OUT\r${messages.join("\r")}\rBTS|${messages.length}\r`;

const census = (messageId: string) => ({
  messageId,
  events: [
    {
      kind: "admit",
      facilityCode: "RXD01",
      eventAt: "2026-11-20T10:00:00Z",
      patient: {
        mrn: "RXD0000902",
        demographics: { familyName: FAMILY, givenNames: "Ifeoma", birthDate: "1950-06-01" },
      },
      visit: { visitNumber: "V0902", location: { ward: "ALD101", bed: "B07" } },
    },
  ],
});

const fhirPatient = {
  resourceType: "Patient",
  id: "outage-1",
  meta: { versionId: "1" },
  identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9990000018" }],
  name: [{ family: FAMILY, given: ["Alex"] }],
};

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

describe.runIf(available)("ingest while PostgreSQL and S3 go away and come back", () => {
  let key: string;
  const logLines: string[] = [];

  const hl7 = (control: string, body = admit(control)) =>
    hl7Route.POST(
      new Request("http://localhost/api/ingest/hl7v2", {
        method: "POST",
        body,
        headers: { "X-API-Key": key, "Content-Type": "x-application/hl7-v2+er7" },
      }),
    );
  const fhir = () =>
    fhirRoute.POST(
      new Request("http://localhost/api/ingest/fhir", {
        method: "POST",
        body: JSON.stringify(fhirPatient),
        headers: { "X-API-Key": key, "Content-Type": "application/fhir+json" },
      }),
    );
  const json = (messageId: string) =>
    censusRoute.POST(
      new Request("http://localhost/api/ingest/census", {
        method: "POST",
        body: JSON.stringify(census(messageId)),
        headers: { "X-API-Key": key, "Content-Type": "application/json" },
      }),
    );
  const documentUrl = (id: string) => `http://localhost/api/ingest/documents/RXD01/${MRN}/${id}`;
  const params = (id: string) => ({
    params: Promise.resolve({ facility: "RXD01", mrn: MRN, documentId: id }),
  });
  const putDocument = (id: string, body: Buffer, producedAt: string) =>
    documentRoute.PUT(
      new Request(documentUrl(id), {
        method: "PUT",
        body: new Uint8Array(body),
        headers: {
          "X-API-Key": key,
          "Content-Type": "application/pdf",
          "Content-Length": String(body.length),
          "X-Document-Title": "Drug chart",
          "X-Document-Kind": "MAR",
          "X-Produced-At": producedAt,
        },
      }),
      params(id),
    );
  const getDocument = (id: string) =>
    documentRoute.GET(new Request(documentUrl(id), { headers: { "X-API-Key": key } }), params(id));

  const ack = async (response: Response) => parseHl7(await response.text());
  const expectRetryLater = (response: Response) => {
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  };
  const expectHl7RetryLater = async (response: Response, control: string) => {
    expectRetryLater(response);
    const answer = await ack(response);
    expect(answer.get("MSA-1")).toBe("AE");
    expect(answer.get("MSA-2")).toBe(control);
  };
  const expectFhirRetryLater = async (response: Response) => {
    expectRetryLater(response);
    expect(response.headers.get("content-type")).toMatch(/application\/fhir\+json/);
    expect(await response.json()).toMatchObject({
      resourceType: "OperationOutcome",
      issue: [{ code: "transient" }],
    });
  };
  const expectProblemRetryLater = async (response: Response) => {
    expectRetryLater(response);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 503, type: expect.stringMatching(/unavailable$/) });
  };
  const rowsFor = async (sql: string, values: unknown[]) =>
    (await (await getAppContext()).db.query(sql, values)).rows;

  beforeAll(async () => {
    for (const stream of ["log", "info", "warn", "error"] as const) {
      vi.spyOn(console, stream).mockImplementation((...args: unknown[]) => {
        logLines.push(args.map(String).join(" "));
      });
    }
    const { db } = await getAppContext();
    key = (await createApiClient(db, { name: "Outage feed", facilityCodes: ["RXD01"] })).key;
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await s3.restart();
    await server?.start().catch(() => {});
    await (await getAppContext()).db.close();
    await server?.destroy();
    await s3.stop();
  });

  it("answers as usual while both are up (and caches the key)", async () => {
    const response = await hl7("OUT-0");
    expect(response.status).toBe(200);
    expect((await ack(response)).get("MSA-1")).toBe("AA");
  });

  it("with PostgreSQL stopped and the key cached: every route 503 + Retry-After", async () => {
    await server!.stop();
    // A batch whose first message fails while the site codes are read: every message still gets
    // its own AE with its MSH-10, inside the batch envelope.
    const batched = await hl7("OUT-3", batch(admitFromSystem("OUT-3"), admit("OUT-4")));
    expectRetryLater(batched);
    const { messages, batchControlId } = parseBatch(await batched.text());
    expect(batchControlId).toBeTruthy();
    expect(messages.map((text) => [parseHl7(text).get("MSA-1"), parseHl7(text).get("MSA-2")])).toEqual([
      ["AE", "OUT-3"],
      ["AE", "OUT-4"],
    ]);
    await expectHl7RetryLater(await hl7("OUT-1"), "OUT-1");
    await expectFhirRetryLater(await fhir());
    await expectProblemRetryLater(await json("J-OUT-1"));
    await expectProblemRetryLater(await putDocument("mar-out", pdf("v1"), "2026-11-20T09:00:00Z"));
    await expectProblemRetryLater(await getDocument("mar-out"));
  });

  it("with PostgreSQL stopped while the API key is looked up: 503, MSA-2 still echoed", async () => {
    sharedApiClientCache().clear();
    await expectHl7RetryLater(await hl7("OUT-2"), "OUT-2");
    await expectFhirRetryLater(await fhir());
    await expectProblemRetryLater(await json("J-OUT-2"));
    await expectProblemRetryLater(await putDocument("mar-out", pdf("v1"), "2026-11-20T09:00:00Z"));
    await expectProblemRetryLater(await getDocument("mar-out"));
  });

  it("after PostgreSQL restarts, the resent messages apply exactly once", async () => {
    await server!.start();
    for (const [control, body] of [
      ["OUT-1", admit("OUT-1")],
      ["OUT-2", admit("OUT-2")],
      ["OUT-3", admitFromSystem("OUT-3")],
    ] as const) {
      const response = await hl7(control, body);
      expect(response.status).toBe(200);
      const answer = await ack(response);
      expect(answer.get("MSA-1")).toBe("AA");
      // Applied now, not a duplicate: the outage left no half-written delivery behind.
      expect(answer.get("MSA-3")).toBe("Applied");
    }
    expect(await (await json("J-OUT-1")).json()).toMatchObject({ status: "applied" });
    expect((await fhir()).status).toBe(200);
    const deliveries = await rowsFor(
      "SELECT control_id FROM ingest_message WHERE control_id LIKE 'OUT-%'",
      [],
    );
    expect(deliveries.map((row) => row.control_id).sort()).toEqual(["OUT-0", "OUT-1", "OUT-2", "OUT-3"]);
  });

  it("with S3 killed: document PUT and GET 503 + Retry-After, nothing stored; after restart it stores", async () => {
    await s3.kill();
    await expectProblemRetryLater(await putDocument("mar-out", pdf("v1"), "2026-11-20T09:00:00Z"));
    expect(await rowsFor("SELECT id FROM document WHERE external_id = $1", ["mar-out"])).toEqual([]);
    await s3.restart();
    expect((await putDocument("mar-out", pdf("v1"), "2026-11-20T09:00:00Z")).status).toBe(201);
    await s3.kill();
    await expectProblemRetryLater(await getDocument("mar-out"));
    await s3.restart();
    const back = await getDocument("mar-out");
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).toString()).toContain("v1");
  });

  it("replacing a document while S3 dies after the commit: 200 'replaced', the old object swept later", async () => {
    expect((await putDocument("mar-rep", pdf("first"), "2026-11-20T09:00:00Z")).status).toBe(201);
    const keyOf = async () =>
      (await rowsFor("SELECT storage_key FROM document WHERE external_id = $1", ["mar-rep"]))[0]!
        .storage_key as string;
    const oldKey = await keyOf();
    const { storage } = await getAppContext();
    const objectExists = async (key: string) => {
      const got = await storage.get(key);
      got?.stream.destroy();
      return got !== null;
    };
    // The store goes away between the commit and the delete of the replaced version.
    const remove = storage.delete;
    storage.delete = async (key) => {
      await s3.kill();
      return remove(key);
    };
    let replaced: Response;
    try {
      replaced = await putDocument("mar-rep", pdf("second"), "2026-11-20T10:00:00Z");
    } finally {
      storage.delete = remove;
      await s3.restart();
    }
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ outcome: "replaced" });
    expect(logLines.some((line) => line.includes('"document.orphan"'))).toBe(true);
    const newKey = await keyOf();
    expect(newKey).not.toBe(oldKey);
    expect(await objectExists(oldKey)).toBe(true);

    const summary = await runPurge({
      db: (await getAppContext()).db,
      storage,
      tombstoneKey: "downtime-local-tombstone-key",
      now: new Date(),
      orphanGraceMs: -5_000,
    });
    expect(summary.orphanObjects).toBeGreaterThanOrEqual(1);
    expect(await objectExists(oldKey)).toBe(false);
    expect(await objectExists(newKey)).toBe(true);
    const back = await getDocument("mar-rep");
    expect(Buffer.from(await back.arrayBuffer()).toString()).toContain("second");
  });

  it("writes nothing patient-identifiable to the log", () => {
    const joined = logLines.join("\n");
    expect(joined).toContain("unavailable");
    for (const secret of [MRN, "RXD0000902", FAMILY, NHS_NUMBER, "9990000018"])
      expect(joined).not.toContain(secret);
  });
});
