/**
 * Values bounded for Aurora DSQL's index-key cap, seen from a FHIR sender: an over-long Bundle.id
 * still dedupes; an over-long MRN is refused with an OperationOutcome (422) and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentCensus } from "@/lib/census/census-queries";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { bundle, encounter, entry, NHS_SYSTEM, PAS_SYSTEM, patient } from "@/lib/fhir/fhir-builders.test-kit";
import { outcomeForError } from "@/lib/fhir/operation-outcome";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { reachableDatabases } from "@/test/databases.test-kit";
import { testApiClient, testIngestContext } from "@/test/ingest-fixtures.test-kit";
import { ingestFhir } from "./ingest-fhir";

const client = { ...testApiClient("Bounded engine"), mrnAuthorities: [PAS_SYSTEM] };
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const site = { identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: "RXD01" } };
const admission = (id: string, mrn = "MRN001") =>
  bundle(
    "transaction",
    [
      entry(
        patient({
          identifier: [
            { system: NHS_SYSTEM, value: "9990000018" },
            { system: PAS_SYSTEM, value: mrn },
          ],
        }),
        "urn:uuid:p1",
      ),
      entry(encounter({ serviceProvider: site }), "urn:uuid:e1"),
    ],
    { id },
  );

for (const target of await reachableDatabases()) {
  describe(`bounded FHIR identifiers on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let ctx: IngestContext;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [{ code: "RXD01", name: "Riverside", wards: [] }]);
      ctx = testIngestContext(db, "2026-03-01T12:00:00Z");
    });
    afterAll(() => drop());

    it("applies a Bundle with a 2,000-character id once, and its resend changes nothing", async () => {
      const id = `b${"4".repeat(2_000)}`;
      expect((await ingestFhir(ctx, client, bytes(admission(id)))).status).toBe(200);
      expect((await ingestFhir(ctx, client, bytes(admission(id)))).status).toBe(200);
      const events = await db.query<{ n: number | string }>("SELECT count(*) AS n FROM stay_event");
      expect(Number(events.rows[0]!.n)).toBe(1);
    });

    it("refuses a 300-character MRN as unprocessable (an OperationOutcome, 422), storing nothing", async () => {
      const before = await currentCensus(db);
      const thrown = await ingestFhir(ctx, client, bytes(admission("long-mrn", "M".repeat(300)))).catch(
        (error: unknown) => error,
      );
      expect(thrown).toMatchObject({ code: "unprocessable" });
      // What the route answers (fhirProtocol.refuse): the error as an OperationOutcome.
      const { status, outcome } = outcomeForError(thrown);
      expect(status).toBe(422);
      expect(outcome).toMatchObject({ resourceType: "OperationOutcome" });
      expect(JSON.stringify(outcome)).toContain("MRN (PID-3, Patient.identifier) is longer than 256 bytes");
      expect(JSON.stringify(outcome)).not.toContain("M".repeat(300));
      expect(await currentCensus(db)).toEqual(before);
    });
  });
}
