/** Applying census messages, against every reachable database adapter. */
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdtEvent } from "@/lib/adt/events";
import type { Database } from "@/lib/db/types";
import { visitHash } from "@/lib/retention/visit-hash";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { applyMessage } from "./apply-message";
import { currentCensus } from "./census-queries";
import { saveFacilities } from "./facilities";
import { clearPolicyCache, savePolicy } from "./facility-policy";

const options = { tombstoneKey: "test-key" };
let seq = 0;
const send = (db: Database, events: AdtEvent[], controlId = `C${++seq}`) =>
  applyMessage(db, { source: "pas", controlId, protocol: "json", events }, options);

const wards = [
  { code: "OAK", name: "Oak", bedCount: 20 },
  { code: "ELM", name: "Elm", bedCount: 20 },
];

for (const target of await reachableDatabases()) {
  describe(`applyMessage on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [
        { code: "RXD01", name: "Riverside", wards },
        { code: "RXD02", name: "Northgate", wards },
      ]);
    });
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of [
        "stay_event",
        "stay",
        "patient",
        "ingest_message",
        "facility_setting",
        "purged_visit",
      ]) {
        await db.query(`DELETE FROM ${table}`);
      }
      clearPolicyCache();
    });

    it("writes the delivery's companion rows in its transaction: a failure there leaves nothing", async () => {
      const event = adtEvent("admit", "2026-11-20T08:00:00Z", {
        visit: { location: { ward: "OAK", bed: "B1" } },
      });
      const failing = {
        ...options,
        alongside: async () => {
          throw new Error("companion write failed");
        },
      };
      await expect(
        applyMessage(db, { source: "pas", controlId: "ALONG-1", protocol: "json", events: [event] }, failing),
      ).rejects.toThrow("companion write failed");
      expect(await currentCensus(db)).toEqual([]);
      expect((await db.query("SELECT 1 FROM ingest_message")).rows).toHaveLength(0);

      const seen: string[] = [];
      const recording = { ...options, alongside: async () => void seen.push("ran") };
      const message = { source: "pas", controlId: "ALONG-1", protocol: "json" as const, events: [event] };
      expect((await applyMessage(db, message, recording)).status).toBe("applied");
      // A resend runs it again: what it writes must survive a redelivery after a lost answer.
      expect((await applyMessage(db, message, recording)).status).toBe("duplicate");
      expect(seen).toEqual(["ran", "ran"]);
    });

    it("admits and transfers a patient onto the right ward and bed", async () => {
      await send(db, [
        adtEvent("admit", "2026-11-20T08:00:00Z", { visit: { location: { ward: "OAK", bed: "B1" } } }),
      ]);
      await send(db, [
        adtEvent("transfer", "2026-11-20T10:00:00Z", { visit: { location: { ward: "ELM", bed: "B4" } } }),
      ]);
      expect(await currentCensus(db)).toMatchObject([
        { facilityCode: "RXD01", wardCode: "ELM", bed: "B4", mrn: "M1", status: "admitted" },
      ]);
    });

    it("applies the same message once and answers duplicate the second time", async () => {
      const admit = [
        adtEvent("admit", "2026-11-20T08:00:00Z", { visit: { location: { ward: "OAK", bed: "B1" } } }),
      ];
      expect(await send(db, admit, "DUP-1")).toMatchObject({ status: "applied" });
      expect(await send(db, admit, "DUP-1")).toMatchObject({ status: "duplicate" });
      const events = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM stay_event");
      expect(events.rows[0]!.n).toBe(1);
    });

    it("applies a different message that reuses a control id, with a warning, and counts it", async () => {
      const admit = adtEvent("admit", "2026-11-20T08:00:00Z", {
        mrn: "R1",
        visit: { visitNumber: "RV1", location: { ward: "OAK", bed: "B1" } },
      });
      const other = adtEvent("admit", "2026-11-20T08:30:00Z", {
        mrn: "R2",
        visit: { visitNumber: "RV2", location: { ward: "ELM", bed: "B2" } },
      });
      expect(await send(db, [admit], "REUSED-1")).toMatchObject({ status: "applied" });
      const reused = await send(db, [other], "REUSED-1");
      expect(reused).toMatchObject({ status: "applied", reusedControlId: true });
      expect(reused.notes.join(" ")).toMatch(/REUSED-1 was used before for a different message/);
      expect((await currentCensus(db)).map((row) => row.mrn).sort()).toEqual(["R1", "R2"]);
      // Resends of either message, even after the reuse, are duplicates and change nothing.
      expect(await send(db, [admit], "REUSED-1")).toMatchObject({ status: "duplicate" });
      expect(await send(db, [other], "REUSED-1")).toMatchObject({ status: "duplicate" });
      const rows = await db.query<{ outcome: string; n: number }>(
        "SELECT outcome, count(*)::int AS n FROM ingest_message GROUP BY outcome ORDER BY outcome",
      );
      expect(rows.rows).toEqual([
        { outcome: "applied", n: 1 },
        { outcome: "applied-reused-id", n: 1 },
      ]);
      const events = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM stay_event");
      expect(events.rows[0]!.n).toBe(2);
    });

    it("treats a row recorded before content hashes were kept as the same message", async () => {
      await db.query(
        `INSERT INTO ingest_message (source, control_id, protocol, outcome) VALUES ('pas', 'LEGACY-1', 'json', 'applied')`,
      );
      const admit = adtEvent("admit", "2026-11-20T08:00:00Z", { visit: { location: { ward: "OAK" } } });
      expect(await send(db, [admit], "LEGACY-1")).toMatchObject({ status: "duplicate" });
    });

    it("never lets an older event overwrite newer state, and cancels undo their event", async () => {
      await send(db, [
        adtEvent("transfer", "2026-11-20T10:00:00Z", { visit: { location: { ward: "ELM", bed: "B4" } } }),
      ]);
      await send(db, [
        adtEvent("admit", "2026-11-20T08:00:00Z", { visit: { location: { ward: "OAK", bed: "B1" } } }),
      ]);
      expect((await currentCensus(db))[0]).toMatchObject({ wardCode: "ELM", bed: "B4" });
      await send(db, [adtEvent("cancel-transfer", "2026-11-20T10:05:00Z")]);
      expect((await currentCensus(db))[0]).toMatchObject({ wardCode: "OAK", bed: "B1" });
      await send(db, [adtEvent("discharge", "2026-11-20T12:00:00Z")]);
      expect(await currentCensus(db)).toEqual([]);
      await send(db, [adtEvent("cancel-discharge", "2026-11-20T12:10:00Z")]);
      expect(await currentCensus(db)).toHaveLength(1);
    });

    it("keeps newer demographics when an older message arrives late", async () => {
      await send(db, [
        adtEvent("update", "2026-11-20T10:00:00Z", { family: "Newer", visit: { location: { ward: "OAK" } } }),
      ]);
      await send(db, [
        adtEvent("admit", "2026-11-20T08:00:00Z", { family: "Older", visit: { location: { ward: "OAK" } } }),
      ]);
      expect((await currentCensus(db))[0]!.familyName).toBe("Newer");
    });

    it("stores only published fields", async () => {
      const facility = await db.query<{ id: string }>("SELECT id FROM facility WHERE code = 'RXD01'");
      await savePolicy(db, facility.rows[0]!.id, "publishing", { fields: ["allergies"] });
      const admit = adtEvent("admit", "2026-11-20T08:00:00Z", {
        visit: { location: { ward: "OAK" }, consultant: "Dr Secret" },
      });
      admit.patient.demographics.address = "1 Hidden Lane";
      admit.patient.demographics.allergies = [{ text: "Latex" }];
      await send(db, [admit]);
      const patient = await db.query<{ published: string }>("SELECT published FROM patient");
      const stay = await db.query("SELECT * FROM stay");
      const events = await db.query("SELECT visit FROM stay_event");
      const stored = JSON.stringify([patient.rows, stay.rows, events.rows]);
      expect(stored).toContain("Latex");
      expect(stored).not.toContain("Hidden Lane");
      expect(stored).not.toContain("Dr Secret");
    });

    it("merges: the surviving patient takes the prior patient's stay", async () => {
      await send(db, [
        adtEvent("admit", "2026-11-20T08:00:00Z", { mrn: "OLD", visit: { location: { ward: "OAK" } } }),
      ]);
      const merge = adtEvent("merge", "2026-11-20T09:00:00Z", {
        mrn: "NEW",
        visit: null,
        family: "Survivor",
      });
      merge.mergedFrom = { mrn: "OLD" };
      await send(db, [merge]);
      expect(await currentCensus(db)).toMatchObject([{ mrn: "NEW", familyName: "Survivor" }]);
      // A late message still using the old MRN lands on the survivor.
      await send(db, [
        adtEvent("transfer", "2026-11-20T10:00:00Z", { mrn: "OLD", visit: { location: { ward: "ELM" } } }),
      ]);
      expect(await currentCensus(db)).toMatchObject([{ mrn: "NEW", wardCode: "ELM" }]);
    });

    it("creates a ward it has not seen, and refuses an unknown facility without writing anything", async () => {
      await send(db, [
        adtEvent("admit", "2026-11-20T08:00:00Z", { visit: { location: { ward: "NEWWARD", bed: "1" } } }),
      ]);
      expect((await currentCensus(db))[0]!.wardCode).toBe("NEWWARD");
      await expect(
        send(db, [adtEvent("admit", "2026-11-20T08:00:00Z", { facility: "NOPE", mrn: "X" })], "BAD-1"),
      ).rejects.toMatchObject({
        code: "unprocessable",
      });
      const recorded = await db.query("SELECT 1 FROM ingest_message WHERE control_id = 'BAD-1'");
      expect(recorded.rows).toHaveLength(0);
    });

    it("ignores events for a purged (tombstoned) stay that are not newer than the purge", async () => {
      const facility = (await db.query<{ id: string }>("SELECT id FROM facility WHERE code = 'RXD01'"))
        .rows[0]!.id;
      await db.query(
        "INSERT INTO purged_visit (facility_id, visit_hash, last_event_at) VALUES ($1, $2, $3)",
        [facility, visitHash(options.tombstoneKey, facility, "V1"), new Date("2026-11-20T12:00:00Z")],
      );
      const result = await send(db, [
        adtEvent("admit", "2026-11-20T08:00:00Z", { visit: { location: { ward: "OAK" } } }),
      ]);
      expect(result.notes[0]).toMatch(/purged/);
      expect(await currentCensus(db)).toEqual([]);
    });

    it("applies concurrent messages for one new stay exactly once each (conflicts retried)", async () => {
      const events = Array.from({ length: 8 }, (_, i) =>
        adtEvent(i === 0 ? "admit" : "transfer", new Date(Date.UTC(2026, 10, 20, 8, i)).toISOString(), {
          mrn: "CONC",
          visit: { visitNumber: "CONC-1", location: { ward: i % 2 ? "ELM" : "OAK", bed: String(i) } },
        }),
      );
      await Promise.all(events.map((event, i) => send(db, [event], `conc-${i}`)));
      const stored = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM stay_event e JOIN stay s ON s.id = e.stay_id WHERE s.visit_number = 'CONC-1'",
      );
      expect(stored.rows[0]!.n).toBe(8);
      expect((await currentCensus(db)).filter((row) => row.visitNumber === "CONC-1")).toMatchObject([
        { wardCode: "ELM", bed: "7" },
      ]);
    });

    it("converges to the in-order census for shuffled delivery with duplicates, Epic-style cancels and reused control ids (property)", async () => {
      const scenario = fc.record({
        transfers: fc.array(fc.constantFrom("OAK", "ELM"), { maxLength: 4 }),
        discharged: fc.boolean(),
        cancelLast: fc.boolean(),
        order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        duplicates: fc.array(fc.nat(), { maxLength: 3 }),
        // The cancel at its target's event time, as Epic sends it, or later.
        epicCancel: fc.boolean(),
        // The shuffled engine restarts its counter: message i is sent as control id i mod this.
        controlIdCycle: fc.integer({ min: 1, max: 8 }),
      });
      let run = 0;
      await fc.assert(
        fc.asyncProperty(scenario, async (sample) => {
          const { transfers, discharged, cancelLast, order, duplicates, epicCancel, controlIdCycle } = sample;
          run++;
          const visitNumber = `P${run}`;
          const minute = (n: number) => new Date(Date.UTC(2026, 10, 20, 8, n)).toISOString();
          const events: AdtEvent[] = [
            adtEvent("admit", minute(0), {
              mrn: visitNumber,
              visit: { visitNumber, location: { ward: "OAK", bed: "1" } },
            }),
          ];
          transfers.forEach((ward, i) => {
            events.push(
              adtEvent("transfer", minute(i + 1), {
                mrn: visitNumber,
                visit: { visitNumber, location: { ward, bed: String(i + 2) } },
              }),
            );
          });
          if (discharged)
            events.push(adtEvent("discharge", minute(10), { mrn: visitNumber, visit: { visitNumber } }));
          if (cancelLast && transfers.length)
            events.push(
              adtEvent("cancel-transfer", minute(epicCancel ? transfers.length : 9), {
                mrn: visitNumber,
                visit: { visitNumber },
              }),
            );

          const inOrderSource = `in-order-${run}`;
          for (const [i, event] of events.entries()) {
            await applyMessage(
              db,
              {
                source: inOrderSource,
                controlId: String(i),
                protocol: "json",
                events: [{ ...event, facilityCode: "RXD01" }],
              },
              options,
            );
          }
          const shuffled = events.map((event, i) => ({ event, i, key: order[i % order.length]! * 31 + i }));
          shuffled.sort((a, b) => a.key - b.key);
          const deliveries = [...shuffled, ...duplicates.map((n) => shuffled[n % shuffled.length]!)];
          for (const { event, i } of deliveries) {
            await applyMessage(
              db,
              {
                source: "shuffled",
                controlId: `${run}-${i % controlIdCycle}`,
                protocol: "json",
                events: [{ ...event, facilityCode: "RXD02" }],
              },
              options,
            );
          }
          const view = async (facility: string) =>
            (
              await db.query<Record<string, unknown>>(
                `SELECT s.status, w.code AS ward, s.bed, s.admitted_at, s.discharged_at, s.history
                 FROM stay s JOIN facility f ON f.id = s.facility_id LEFT JOIN ward w ON w.id = s.ward_id
                WHERE f.code = $1 AND s.visit_number = $2`,
                [facility, visitNumber],
              )
            ).rows;
          expect(await view("RXD02")).toEqual(await view("RXD01"));
        }),
        { numRuns: target.dialect === "pglite" ? 25 : 15 },
      );
    });
  });
}
