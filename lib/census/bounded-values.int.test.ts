/**
 * Values within Aurora DSQL's size limits, on every adapter: index keys (about 1 KiB) and column
 * values (1 MiB). An over-long control id or source is stored bounded and still deduplicates; an
 * over-long identifier is refused before anything is written; a stay's stored history stays capped
 * however many events it has.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdtEvent } from "@/lib/adt/events";
import { maxKeyBytes } from "@/lib/db/bounded-key";
import type { Database } from "@/lib/db/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { applyMessage } from "./apply-message";
import { recordCountedDelivery } from "./counted-deliveries";
import { saveFacilities } from "./facilities";
import { maxStoredHistoryBytes, maxStoredHistorySteps } from "./stay-store";

const options = { tombstoneKey: "test-key" };
const send = (db: Database, events: AdtEvent[], controlId: string, source = "pas") =>
  applyMessage(db, { source, controlId, protocol: "json", events }, options);

const admit = (mrn: string, visitNumber = `V-${mrn}`, at = "2026-11-20T08:00:00Z") =>
  adtEvent("admit", at, { mrn, visit: { visitNumber, location: { ward: "OAK", bed: "B1" } } });

for (const target of await reachableDatabases()) {
  describe(`bounded values on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [
        { code: "RXD01", name: "Riverside", wards: [{ code: "OAK", name: "Oak", bedCount: 20 }] },
      ]);
    });
    afterAll(() => drop());

    const deliveries = async (like: string) =>
      (
        await db.query<{ source: string; control_id: string }>(
          "SELECT source, control_id FROM ingest_message WHERE control_id LIKE $1 ORDER BY control_id",
          [like],
        )
      ).rows;

    it("stores an over-long control id and source bounded, and a resend is still a duplicate", async () => {
      const controlId = `LONG-${"7".repeat(4_000)}`;
      const source = `client|${"S".repeat(3_000)}|SITE`;
      expect(await send(db, [admit("BV1")], controlId, source)).toMatchObject({ status: "applied" });
      expect(await send(db, [admit("BV1")], controlId, source)).toMatchObject({ status: "duplicate" });
      const rows = await deliveries("LONG-%");
      expect(rows).toHaveLength(1);
      expect(Buffer.byteLength(rows[0]!.control_id)).toBeLessThanOrEqual(maxKeyBytes);
      expect(Buffer.byteLength(rows[0]!.source)).toBeLessThanOrEqual(maxKeyBytes);
      // Another long id with the same start is another message.
      const other = `LONG-${"7".repeat(3_999)}8`;
      expect(await send(db, [admit("BV2")], other, source)).toMatchObject({ status: "applied" });
      expect(await deliveries("LONG-%")).toHaveLength(2);
    });

    it("bounds a reused over-long control id with other content too, and dedupes its resend", async () => {
      const controlId = `REUSE-${"r".repeat(2_000)}`;
      await send(db, [admit("BV3")], controlId);
      const changed = [admit("BV3", "V-BV3", "2026-11-20T09:00:00Z")];
      expect(await send(db, changed, controlId)).toMatchObject({ status: "applied", reusedControlId: true });
      expect(await send(db, changed, controlId)).toMatchObject({ status: "duplicate" });
      const rows = await deliveries("REUSE-%");
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(Buffer.byteLength(row.control_id)).toBeLessThan(1_024 - maxKeyBytes);
    });

    it("bounds counted deliveries (not census) the same way", async () => {
      const delivery = {
        source: "pas",
        controlId: `COUNT-${"c".repeat(3_000)}`,
        protocol: "hl7v2" as const,
        outcome: "not-used" as const,
        contentHash: "h1",
      };
      await recordCountedDelivery(db, delivery);
      await recordCountedDelivery(db, delivery);
      const rows = await deliveries("COUNT-%");
      expect(rows).toHaveLength(1);
      expect(Buffer.byteLength(rows[0]!.control_id)).toBeLessThanOrEqual(maxKeyBytes);
    });

    it("refuses an over-long MRN or visit number as unprocessable, writing nothing", async () => {
      const longMrn = admit("M".repeat(300));
      await expect(send(db, [longMrn], "LONG-MRN")).rejects.toMatchObject({
        code: "unprocessable",
        message: expect.stringContaining("MRN"),
      });
      const longVisit = admit("BV4", "V".repeat(1_000));
      await expect(send(db, [longVisit], "LONG-VISIT")).rejects.toMatchObject({
        code: "unprocessable",
        message: expect.stringContaining("visit number"),
      });
      expect(await deliveries("LONG-MRN")).toEqual([]);
      expect(await deliveries("LONG-VISIT")).toEqual([]);
      const patients = await db.query("SELECT 1 FROM patient WHERE mrn = 'BV4'");
      expect(patients.rows).toEqual([]);
    });

    it("keeps a stay with thousands of events under the history cap", async () => {
      await send(db, [admit("BV5")], "BV5-ADMIT");
      // 3,000 leave/return events already recorded (as a long stay accumulates them).
      await db.query(
        `INSERT INTO stay_event (stay_id, message_id, kind, trigger_code, event_at, arrival, visit)
         SELECT s.id, gen_random_uuid(), CASE WHEN n % 2 = 0 THEN 'leave-out' ELSE 'leave-return' END,
                CASE WHEN n % 2 = 0 THEN 'A21' ELSE 'A22' END,
                timestamptz '2026-11-20 08:00:00+00' + n * interval '1 minute', n,
                '{"visitNumber":"V-BV5","location":{"ward":"OAK","bed":"B1"}}'
           FROM stay s, generate_series(1, 3000) AS n WHERE s.visit_number = 'V-BV5'`,
      );
      const transfer = adtEvent("transfer", "2026-11-23T08:00:00Z", {
        mrn: "BV5",
        visit: { visitNumber: "V-BV5", location: { ward: "OAK", bed: "B2" } },
      });
      expect(await send(db, [transfer], "BV5-MOVE")).toMatchObject({ status: "applied" });
      const { rows } = await db.query<{ history: string; bed: string; events: number | string }>(
        `SELECT s.history, s.bed, (SELECT count(*) FROM stay_event e WHERE e.stay_id = s.id) AS events
           FROM stay s WHERE s.visit_number = 'V-BV5'`,
      );
      const history = JSON.parse(rows[0]!.history) as { kind: string; bed?: string }[];
      expect(Number(rows[0]!.events)).toBe(3_002);
      expect(rows[0]!.bed).toBe("B2");
      expect(history).toHaveLength(maxStoredHistorySteps);
      expect(history.at(-1)).toMatchObject({ kind: "transfer", bed: "B2" });
      expect(Buffer.byteLength(rows[0]!.history)).toBeLessThanOrEqual(maxStoredHistoryBytes);
    });
  });
}
