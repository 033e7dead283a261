/** The per-facility "last ADT message delivered" time, against every reachable database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFacilities, send } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { recordCountedDelivery } from "./counted-deliveries";
import { readFeedAges } from "./feed-ages";

for (const target of await reachableDatabases()) {
  describe(`feed ages on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
    });
    afterAll(() => drop());

    const lastOf = async (code: string) =>
      (await readFeedAges(db, 15)).find((feed) => feed.facilityCode === code)?.lastMessageAt;

    it("lists every facility, with no message yet as null and the threshold it was given", async () => {
      expect(await readFeedAges(db, 7)).toEqual([
        { facilityCode: "RXD01", lastMessageAt: null, silenceMinutes: 7 },
        { facilityCode: "RXD02", lastMessageAt: null, silenceMinutes: 7 },
      ]);
    });

    it("is the arrival of the facility's latest census message, whatever its event time", async () => {
      const before = Date.now();
      // An old event arriving now still shows the feed is alive: arrival counts, not event time.
      await send(db, [adtEvent("admit", "2020-01-01T08:00:00Z", { facility: "RXD02", mrn: "F-1" })]);
      const first = await lastOf("RXD02");
      expect(Date.parse(first!)).toBeGreaterThanOrEqual(before - 5_000);
      expect(await lastOf("RXD01")).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await send(db, [adtEvent("update", "2020-01-01T09:00:00Z", { facility: "RXD02", mrn: "F-1" })]);
      expect(Date.parse((await lastOf("RXD02"))!)).toBeGreaterThan(Date.parse(first!));
      const [row] = (
        await db.query<{ facility_code: string | null }>(
          "SELECT facility_code FROM ingest_message ORDER BY received_at DESC LIMIT 1",
        )
      ).rows;
      expect(row!.facility_code).toBe("RXD02");
    });

    it("does not count deliveries that are not census messages", async () => {
      await recordCountedDelivery(db, {
        source: "pas",
        controlId: "ORU-1",
        protocol: "hl7v2",
        trigger: "ORU^R01",
        outcome: "not-used",
        contentHash: "h1",
      });
      expect(await lastOf("RXD01")).toBeNull();
    });

    it("applies the threshold set for the source that delivered the facility's latest message", async () => {
      await send(db, [adtEvent("admit", "2026-01-01T08:00:00Z", { facility: "RXD01", mrn: "F-2" })]);
      const [latest] = (
        await db.query<{ source: string }>(
          "SELECT source FROM ingest_message WHERE facility_code = 'RXD01' ORDER BY received_at DESC LIMIT 1",
        )
      ).rows;
      const thresholdOf = async (code: string) =>
        (await readFeedAges(db, 15)).find((feed) => feed.facilityCode === code)?.silenceMinutes;
      // No setting for the source yet (the row may or may not exist): the default applies.
      expect(await thresholdOf("RXD01")).toBe(15);
      await db.query(
        `INSERT INTO feed_source (source, client_id, protocol, silence_minutes) VALUES ($1, 'test', 'hl7v2', 60)
         ON CONFLICT (source) DO UPDATE SET silence_minutes = 60`,
        [latest!.source],
      );
      expect(await thresholdOf("RXD01")).toBe(60);
      // Another source's setting does not change a facility that source did not feed last.
      await db.query(
        `INSERT INTO feed_source (source, client_id, protocol, silence_minutes) VALUES ('other-engine', 'test', 'hl7v2', 5)
         ON CONFLICT (source) DO UPDATE SET silence_minutes = 5`,
      );
      expect(await thresholdOf("RXD01")).toBe(60);
    });
  });
}
