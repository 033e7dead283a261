/** FHIR ingest end to end below HTTP, on every database adapter. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxEventsPerMessage } from "@/lib/census/apply-message";
import { currentCensus } from "@/lib/census/census-queries";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { bundle, encounter, entry, PAS_SYSTEM, patient } from "@/lib/fhir/fhir-builders.test-kit";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { reachableDatabases } from "@/test/databases.test-kit";
import { testApiClient, testIngestContext } from "@/test/ingest-fixtures.test-kit";
import { ingestFhir } from "./ingest-fhir";

// Configured as a trust's PAS feed: its MRN authority's values are bare, as HL7 v2 files them.
const client = { ...testApiClient("Test engine"), mrnAuthorities: [PAS_SYSTEM] };
const unconfigured = testApiClient("Test engine");
const OTHER_TRUST = "https://pas.other-trust.nhs.uk/Id/mrn";
const site = (code: string) => ({
  identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: code },
});
const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
const admission = (id: string, overrides: Record<string, unknown> = {}) =>
  bundle(
    "transaction",
    [
      entry(patient(), "urn:uuid:p1"),
      entry(encounter({ serviceProvider: site("RXD01"), ...overrides }), "urn:uuid:e1"),
    ],
    { id },
  );

for (const target of await reachableDatabases()) {
  describe(`ingestFhir on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let ctx: IngestContext;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [
        { code: "RXD01", name: "Riverside", wards: [] },
        { code: "RXD02", name: "Northgate", wards: [] },
      ]);
      ctx = testIngestContext(db, "2026-03-01T12:00:00Z");
    });
    afterAll(() => drop());

    it("applies a transaction Bundle and answers a transaction-response", async () => {
      const response = await ingestFhir(ctx, client, bytes(admission("tx-1")));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ resourceType: "Bundle", type: "transaction-response" });
      expect(await currentCensus(db)).toMatchObject([
        { mrn: "MRN001", wardCode: "OAK", visitNumber: "V100", nhsNumber: "9990000018" },
      ]);
    });

    it("is idempotent by Bundle.id, and a later Bundle moves the patient", async () => {
      expect((await ingestFhir(ctx, client, bytes(admission("tx-1")))).status).toBe(200);
      const transfer = admission("tx-2", {
        meta: { lastUpdated: "2026-02-28T10:00:00Z" },
        location: [
          { location: { display: "OAK" }, status: "completed" },
          { location: { display: "ELM" }, status: "active" },
        ],
      });
      await ingestFhir(ctx, client, bytes(transfer));
      expect(await currentCensus(db)).toMatchObject([{ wardCode: "ELM" }]);
      const events = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM stay_event");
      expect(events.rows[0]!.n).toBe(2);
    });

    it("refuses the whole transaction when one entry is invalid, naming the element", async () => {
      const bad = bundle(
        "transaction",
        [
          entry(
            patient({
              id: "p2",
              identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9990000019" }],
            }),
            "urn:uuid:p2",
          ),
          entry(
            encounter({
              id: "e2",
              subject: { reference: "urn:uuid:p2" },
              identifier: [{ value: "V200" }],
              serviceProvider: site("RXD01"),
            }),
            "urn:uuid:e2",
          ),
        ],
        { id: "tx-bad" },
      );
      const response = await ingestFhir(ctx, client, bytes(bad));
      expect(response.status).toBe(400);
      const outcome = response.body as { resourceType: string; issue: { expression?: string[] }[] };
      expect(outcome.resourceType).toBe("OperationOutcome");
      expect(outcome.issue.flatMap((issue) => issue.expression ?? [])).toContain(
        "Bundle.entry[0].resource.identifier[0].value",
      );
      expect((await currentCensus(db)).map((row) => row.visitNumber)).not.toContain("V200");
    });

    it("answers a batch entry by entry", async () => {
      const batch = bundle(
        "batch",
        [
          entry(
            encounter({
              id: "e3",
              identifier: [{ value: "V300" }],
              serviceProvider: site("RXD01"),
              subject: { reference: "urn:uuid:p1" },
            }),
            "urn:uuid:e3",
          ),
          entry(
            encounter({
              id: "e4",
              identifier: [],
              serviceProvider: site("RXD01"),
              subject: { reference: "urn:uuid:p1" },
            }),
            "urn:uuid:e4",
          ),
          entry(patient(), "urn:uuid:p1"),
        ],
        { id: "batch-1" },
      );
      const response = await ingestFhir(ctx, client, bytes(batch));
      expect(response.status).toBe(200);
      const statuses = (response.body as { entry: { response: { status: string } }[] }).entry.map(
        (e) => e.response.status,
      );
      expect(statuses[0]).toMatch(/^20[01]/);
      expect(statuses[1]).toMatch(/^400/);
      expect((await currentCensus(db)).map((row) => row.visitNumber)).toContain("V300");
    });

    // Aurora DSQL refuses a transaction over 3,000 modified rows; every adapter holds the same budget.
    const admissions = (count: number, prefix: string) =>
      Array.from({ length: count }, (_, index) => {
        const mrn = `${prefix}${index}`;
        const patientUrl = `urn:uuid:${prefix}-p${index}`;
        return [
          entry(
            patient({ id: `${prefix}-p${index}`, identifier: [{ system: PAS_SYSTEM, value: mrn }] }),
            patientUrl,
          ),
          entry(
            encounter({
              id: `${prefix}-e${index}`,
              identifier: [{ value: `${prefix}V${index}` }],
              serviceProvider: site("RXD01"),
              subject: { reference: patientUrl },
            }),
            `urn:uuid:${prefix}-e${index}`,
          ),
        ];
      }).flat();
    const countPatients = async (prefix: string) =>
      (
        await db.query<{ n: number }>("SELECT count(*)::int AS n FROM patient WHERE mrn LIKE $1", [
          `${prefix}%`,
        ])
      ).rows[0]!.n;

    it("applies a large transaction inside the transaction budget", async () => {
      const response = await ingestFhir(
        ctx,
        client,
        bytes(bundle("transaction", admissions(maxEventsPerMessage, "BIG"), { id: "big-1" })),
      );
      expect(response.status).toBe(200);
      expect(await countPatients("BIG")).toBe(maxEventsPerMessage);
    }, 120_000);

    it("refuses a transaction with more events than one transaction may apply, writing nothing, and says to batch", async () => {
      const entries = admissions(maxEventsPerMessage + 1, "HUGE");
      const response = await ingestFhir(ctx, client, bytes(bundle("transaction", entries, { id: "huge-1" })));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        resourceType: "OperationOutcome",
        issue: [
          { severity: "error", code: "too-costly", diagnostics: expect.stringMatching(/batch Bundle/) },
        ],
      });
      expect(await countPatients("HUGE")).toBe(0);

      const batch = await ingestFhir(ctx, client, bytes(bundle("batch", entries, { id: "huge-1" })));
      expect(batch.status).toBe(200);
      expect(await countPatients("HUGE")).toBe(maxEventsPerMessage + 1);
    }, 120_000);

    it("applies a real NHS PDS Patient as a person update for the sender's site", async () => {
      const pds = readFileSync("test/fixtures/fhir/nhs-pds/Patient.json", "utf8");
      const response = await ingestFhir(ctx, client, bytes(pds));
      expect(response.status).toBe(200);
      const stored = await db.query("SELECT 1 FROM patient WHERE nhs_number = '9000000009'");
      expect(stored.rows).toHaveLength(1);
    });

    it("keeps two Patients with the same MRN value in different systems as two patients", async () => {
      const admitted = (id: string, system: string, family: string, visit: string) =>
        bundle(
          "transaction",
          [
            entry(patient({ identifier: [{ system, value: "123456" }], name: [{ family }] }), "urn:uuid:p"),
            entry(
              encounter({
                identifier: [{ value: visit }],
                subject: { reference: "urn:uuid:p" },
                serviceProvider: site("RXD01"),
              }),
              "urn:uuid:e",
            ),
          ],
          { id },
        );
      for (const sender of [unconfigured, client]) {
        const tag = sender === client ? "c" : "u";
        await ingestFhir(ctx, sender, bytes(admitted(`same-${tag}1`, PAS_SYSTEM, "Alpha", `V5${tag}1`)));
        await ingestFhir(ctx, sender, bytes(admitted(`same-${tag}2`, OTHER_TRUST, "Bravo", `V5${tag}2`)));
        // The same system and value again is the same patient: a second stay, no third patient.
        await ingestFhir(ctx, sender, bytes(admitted(`same-${tag}3`, OTHER_TRUST, "Bravo", `V5${tag}3`)));
      }
      const rows = (await currentCensus(db)).filter((row) => row.visitNumber.startsWith("V5"));
      expect(rows.map((row) => [row.visitNumber, row.mrn, row.familyName])).toEqual([
        ["V5c1", "123456", "Alpha"],
        ["V5c2", `${OTHER_TRUST}|123456`, "Bravo"],
        ["V5c3", `${OTHER_TRUST}|123456`, "Bravo"],
        ["V5u1", `${PAS_SYSTEM}|123456`, "Alpha"],
        ["V5u2", `${OTHER_TRUST}|123456`, "Bravo"],
        ["V5u3", `${OTHER_TRUST}|123456`, "Bravo"],
      ]);
      const patients = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM patient WHERE mrn LIKE '%123456'",
      );
      expect(patients.rows[0]!.n).toBe(3);
    });

    it("puts an Encounter sent alone on the ward list of the patient sent before, by identifier", async () => {
      const alone = (id: string, value: string) =>
        encounter({
          id,
          meta: { versionId: "1" },
          identifier: [{ value: `V-${id}` }],
          subject: { reference: "Patient/pas-7", identifier: { system: PAS_SYSTEM, value } },
          serviceProvider: site("RXD01"),
        });
      const unknown = await ingestFhir(ctx, client, bytes(alone("ea0", "MRN777")));
      expect(unknown.status).toBe(422);
      expect(unknown.body).toMatchObject({
        issue: [{ code: "not-found", expression: ["Encounter.subject"] }],
      });

      const person = patient({
        id: "pas-7",
        meta: { versionId: "1" },
        identifier: [{ system: PAS_SYSTEM, value: "MRN777" }],
        name: [{ family: "Sevenoaks", given: ["Kit"] }],
      });
      expect((await ingestFhir(ctx, client, bytes(person))).status).toBe(200);
      const applied = await ingestFhir(ctx, client, bytes(alone("ea1", "MRN777")));
      expect(applied.status).toBe(200);
      expect((await currentCensus(db)).filter((row) => row.visitNumber === "V-ea1")).toMatchObject([
        { mrn: "MRN777", familyName: "Sevenoaks", wardCode: "OAK" },
      ]);
      // The patient's details are the ones the Patient sent: the Encounter carried them unchanged.
      const details = await db.query(
        "SELECT given_names, birth_date::text AS birth_date, sex FROM patient WHERE mrn = 'MRN777'",
      );
      expect(details.rows).toEqual([{ given_names: "Kit", birth_date: "1950-06-30", sex: "unknown" }]);
      // The Encounter refused while the patient was unknown goes through once it is sent again.
      expect((await ingestFhir(ctx, client, bytes(alone("ea0", "MRN777")))).status).toBe(200);
      expect((await currentCensus(db)).map((row) => row.visitNumber)).toContain("V-ea0");
    });

    it("puts an Encounter sent alone on the ward list of the patient sent before, by its Patient resource id", async () => {
      const alone = (id: string, subject: string) =>
        encounter({
          id,
          meta: { versionId: "1" },
          identifier: [{ value: `V-${id}` }],
          subject: { reference: subject },
          serviceProvider: site("RXD01"),
        });
      const unknown = await ingestFhir(ctx, unconfigured, bytes(alone("lr0", "Patient/pas-8")));
      expect(unknown.status).toBe(422);
      const person = patient({
        id: "pas-8",
        meta: { versionId: "1" },
        identifier: [{ system: OTHER_TRUST, value: "MRN888" }],
        name: [{ family: "Eightley", given: ["Ada"] }],
      });
      expect((await ingestFhir(ctx, unconfigured, bytes(person))).status).toBe(200);
      expect((await ingestFhir(ctx, unconfigured, bytes(alone("lr1", "Patient/pas-8")))).status).toBe(200);
      expect((await currentCensus(db)).filter((row) => row.visitNumber === "V-lr1")).toMatchObject([
        { mrn: `${OTHER_TRUST}|MRN888`, familyName: "Eightley" },
      ]);
      // Resource ids are each sender's own: another key's "Patient/pas-8" is not this patient.
      const anotherKey = { ...unconfigured, id: "00000000-0000-4000-8000-000000000099" };
      expect((await ingestFhir(ctx, anotherKey, bytes(alone("lr2", "Patient/pas-8")))).status).toBe(422);
    });

    it("answers a Bundle of ignored types 200 with an informational issue and stores nothing", async () => {
      const before = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM ingest_message");
      const observations = bundle(
        "batch",
        [entry({ resourceType: "Observation", status: "final" }, "urn:uuid:o1", "POST")],
        { id: "ignored-1" },
      );
      const response = await ingestFhir(ctx, client, bytes(observations));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        type: "batch-response",
        entry: [{ response: { status: "200 OK", outcome: { issue: [{ severity: "information" }] } } }],
      });
      const transaction = await ingestFhir(
        ctx,
        client,
        bytes({ ...observations, type: "transaction", id: "ignored-2" }),
      );
      expect(transaction.status).toBe(200);
      const after = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM ingest_message");
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    });

    it("refuses bad JSON (400) and another site's encounter (403)", async () => {
      expect((await ingestFhir(ctx, client, bytes("{not json"))).status).toBe(400);
      await expect(
        ingestFhir(ctx, client, bytes(admission("tx-3", { serviceProvider: site("RXD02") }))),
      ).rejects.toMatchObject({ code: "forbidden" });
    });
  });
}
