/**
 * Allergy states end to end below HTTP: HL7 AL1 segments in, the stored patient read back, on every
 * adapter. "None known", "not sent" and "not published" must survive storage as three states.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveFacilities } from "@/lib/census/facilities";
import { clearPolicyCache, savePolicy } from "@/lib/census/facility-policy";
import type { Database } from "@/lib/db/types";
import { ingestHl7 } from "@/lib/ingest/hl7/ingest-hl7";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { reachableDatabases } from "@/test/databases.test-kit";
import { testApiClient, testIngestContext } from "@/test/ingest-fixtures.test-kit";
import { allergyStateOf } from "./allergy-state";

const client = testApiClient("Test engine");

const admit = (control: string, mrn: string, segments: string[]) =>
  new TextEncoder().encode(
    [
      `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101000||ADT^A01^ADT_A01|${control}|P|2.4`,
      "EVN|A01|20261120101000",
      `PID|1||${mrn}^^^RXD01^MR||JONES^ALED^^^MR||19450302|M`,
      `PV1|1|I|OAK^BAY1^B1^RXD01||||||||||||||||V-${mrn}`,
      ...segments,
    ].join("\r"),
  );

for (const target of await reachableDatabases()) {
  describe(`allergy states stored from HL7 on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let ctx: IngestContext;
    const stateOf = async (mrn: string) => {
      const { rows } = await db.query<{ published: string }>("SELECT published FROM patient WHERE mrn = $1", [
        mrn,
      ]);
      return allergyStateOf(JSON.parse(rows[0]!.published) as Record<string, unknown>);
    };
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [
        { code: "RXD01", name: "Riverside", wards: [{ code: "OAK", name: "Oak", bedCount: 20 }] },
      ]);
      ctx = testIngestContext(db, "2026-11-20T11:00:00Z");
    });
    afterAll(() => drop());

    it("keeps recorded, none known and not sent apart", async () => {
      await ingestHl7(ctx, client, admit("A-1", "REC1", ["AL1|1|DA|^Penicillin|SV|Anaphylaxis"]));
      await ingestHl7(ctx, client, admit("A-2", "NKA1", ["AL1|1|DA|NKA^No known allergies"]));
      await ingestHl7(ctx, client, admit("A-3", "UNS1", []));
      expect(await stateOf("REC1")).toEqual({
        kind: "recorded",
        allergies: [{ text: "Penicillin – Anaphylaxis", severity: "severe" }],
      });
      expect(await stateOf("NKA1")).toEqual({ kind: "none-known" });
      expect(await stateOf("UNS1")).toEqual({ kind: "not-sent" });
    });

    it("keeps known allergies and alerts through a later message that does not send them", async () => {
      await ingestHl7(ctx, client, admit("K-1", "KEEP1", ["AL1|1|DA|^Latex|SV|Anaphylaxis", "ZAL|1|DNACPR"]));
      // A transfer an hour later with no AL1 or ZAL segments: "not sent", not "removed".
      const transfer = new TextEncoder().encode(
        [
          "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120111000||ADT^A02^ADT_A02|K-2|P|2.4",
          "EVN|A02|20261120111000",
          "PID|1||KEEP1^^^RXD01^MR||JONES^ALED^^^MR||19450302|M",
          "PV1|1|I|OAK^BAY2^B3^RXD01||||||||||||||||V-KEEP1",
        ].join("\r"),
      );
      await ingestHl7(ctx, client, transfer);
      expect(await stateOf("KEEP1")).toEqual({
        kind: "recorded",
        allergies: [{ text: "Latex – Anaphylaxis", severity: "severe" }],
      });
      const stored = await db.query<{ published: string }>(
        "SELECT published FROM patient WHERE mrn = 'KEEP1'",
      );
      expect(JSON.parse(stored.rows[0]!.published).alerts).toEqual(["DNACPR"]);
      // A later "no known allergies" statement does replace the list: the two never sit together.
      const nka = new TextEncoder().encode(
        [
          "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120121000||ADT^A08^ADT_A01|K-3|P|2.4",
          "EVN|A08|20261120121000",
          "PID|1||KEEP1^^^RXD01^MR||JONES^ALED^^^MR||19450302|M",
          "PV1|1|I|OAK^BAY2^B3^RXD01||||||||||||||||V-KEEP1",
          "AL1|1|DA|NKA^No known allergies",
        ].join("\r"),
      );
      await ingestHl7(ctx, client, nka);
      expect(await stateOf("KEEP1")).toEqual({ kind: "none-known" });
    });

    it("stores 'not published' and no allergen when the policy withholds allergies", async () => {
      const { rows } = await db.query<{ id: string }>("SELECT id FROM facility WHERE code = 'RXD01'");
      await savePolicy(db, rows[0]!.id, "publishing", { fields: ["alerts"] });
      clearPolicyCache();
      await ingestHl7(ctx, client, admit("A-4", "HID1", ["AL1|1|DA|^Penicillin|SV"]));
      await ingestHl7(ctx, client, admit("A-5", "HID2", ["AL1|1|DA|NKA^No known allergies"]));
      expect(await stateOf("HID1")).toEqual({ kind: "not-published" });
      expect(await stateOf("HID2")).toEqual({ kind: "not-published" });
      const stored = await db.query<{ published: string }>(
        "SELECT published FROM patient WHERE mrn = 'HID1'",
      );
      expect(stored.rows[0]!.published).not.toContain("Penicillin");
      // A patient stored while allergies were published loses them with the next message once
      // the policy withholds them, even a message that sends none.
      await ingestHl7(ctx, client, admit("A-4b", "REC1", []));
      expect(await stateOf("REC1")).toEqual({ kind: "not-published" });
      const rec = await db.query<{ published: string }>("SELECT published FROM patient WHERE mrn = 'REC1'");
      expect(rec.rows[0]!.published).not.toContain("Penicillin");
      // Published again: the next message's allergies are stored and shown.
      await savePolicy(db, rows[0]!.id, "publishing", { fields: ["alerts", "allergies"] });
      clearPolicyCache();
      await ingestHl7(ctx, client, admit("A-6", "HID1", ["AL1|1|DA|^Penicillin|SV"]));
      expect((await stateOf("HID1")).kind).toBe("recorded");
    });
  });
}
