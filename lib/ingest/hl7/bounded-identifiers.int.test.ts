/**
 * Values bounded for Aurora DSQL's index-key cap, seen from an HL7 sender: an over-long MSH-10
 * is still applied once and its resend is a duplicate; an over-long MRN is refused with AR and a
 * reason naming the field (never its value). On every adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { parseHl7 } from "@/lib/hl7/parse";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { reachableDatabases } from "@/test/databases.test-kit";
import { testApiClient, testIngestContext } from "@/test/ingest-fixtures.test-kit";
import { ingestHl7 } from "./ingest-hl7";

const client = testApiClient("Bounded engine");

const admit = (control: string, mrn = "RXD0000001") =>
  [
    `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101000||ADT^A01^ADT_A01|${control}|P|2.4`,
    "EVN|A01|20261120101000",
    `PID|1||${mrn}^^^RXD01^MR||JONES^ALED^^^MR||19450302|M`,
    "PV1|1|I|OAK^BAY1^B03^RXD01||||C123^OKAFOR^ADA^^^DR||||||||||||V0001",
  ].join("\r");

const bytes = (text: string) => new TextEncoder().encode(text);

for (const target of await reachableDatabases()) {
  describe(`bounded HL7 identifiers on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let ctx: IngestContext;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [
        { code: "RXD01", name: "Riverside", wards: [{ code: "OAK", name: "Oak", bedCount: 20 }] },
      ]);
      ctx = testIngestContext(db, "2026-11-20T11:00:00Z");
    });
    afterAll(() => drop());

    it("applies a message with a 3,000-character MSH-10 once, and answers its resend as a duplicate", async () => {
      const control = `C${"1".repeat(3_000)}`;
      const first = parseHl7((await ingestHl7(ctx, client, bytes(admit(control)))).body);
      expect(first.get("MSA-1")).toBe("AA");
      const again = await ingestHl7(ctx, client, bytes(admit(control)));
      expect(parseHl7(again.body).get("MSA-1")).toBe("AA");
      expect(again.body).toContain("Duplicate");
      const rows = await db.query<{ n: number | string }>("SELECT count(*) AS n FROM stay_event");
      expect(Number(rows.rows[0]!.n)).toBe(1);
    });

    it("refuses a 300-character MRN with AR naming PID-3, storing nothing about it", async () => {
      const response = await ingestHl7(ctx, client, bytes(admit("CTRL-LONG-MRN", "M".repeat(300))));
      const ack = parseHl7(response.body);
      expect(ack.get("MSA-1")).toBe("AR");
      expect(response.body).toContain("MRN (PID-3, Patient.identifier) is longer than 256 bytes");
      expect(response.body).not.toContain("M".repeat(300));
      const patients = await db.query("SELECT 1 FROM patient WHERE length(mrn) > 256");
      expect(patients.rows).toEqual([]);
    });
  });
}
