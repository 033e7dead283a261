/**
 * The record of known beds per ward (ward_bed), written by HL7 v2 and FHIR ingest, and the empty
 * beds a ward list shows from it — on every database adapter.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import {
  bundle,
  encounter,
  entry,
  PAS_SYSTEM,
  PHYSICAL_TYPE,
  patient,
} from "@/lib/fhir/fhir-builders.test-kit";
import { ingestFhir } from "@/lib/ingest/fhir/ingest-fhir";
import { ingestHl7 } from "@/lib/ingest/hl7/ingest-hl7";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { emptyBeds } from "@/lib/ward-list/empty-beds";
import { readWardSnapshot } from "@/lib/ward-list/ward-census";
import { reachableDatabases } from "@/test/databases.test-kit";
import { testApiClient, testIngestContext } from "@/test/ingest-fixtures.test-kit";
import { saveFacilities } from "./facilities";
import type { NamedBed } from "./named-beds";
import { maxBedsPerMessage, readKnownBeds, recordNamedBeds } from "./ward-bed-store";

const client = { ...testApiClient("Test engine"), mrnAuthorities: [PAS_SYSTEM] };
const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
const now = new Date("2026-11-20T11:00:00Z");

/** One ADT message; `pv1` is PV1-3 (ward^room^bed^site) and PV1-6 the prior location. */
function adt(trigger: string, control: string, mrn: string, visit: string, pv1: string, prior = "") {
  const time = "20261120101000";
  return [
    `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|${time}||ADT^${trigger}^ADT_${trigger}|${control}|P|2.4`,
    `EVN|${trigger}|${time}`,
    `PID|1||${mrn}^^^RXD01^MR||JONES^ALED^^^MR||19450302|M`,
    `PV1|1|I|${pv1}|||${prior}|C123^OKAFOR^ADA^^^DR||||||||||||${visit}`,
  ].join("\r");
}

const sorted = <T extends { room: string | null; bed: string }>(beds: T[]) =>
  beds.map((bed) => `${bed.room ?? "-"}/${bed.bed}`).sort();

for (const target of await reachableDatabases()) {
  describe(`known beds on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let ctx: IngestContext;
    let oak: string;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [
        {
          code: "RXD01",
          name: "Riverside",
          wards: [
            { code: "OAK", name: "Oak", bedCount: 20 },
            { code: "ELM", name: "Elm", bedCount: 20 },
          ],
        },
      ]);
      ctx = testIngestContext(db, now.toISOString());
      oak = (await db.query<{ id: string }>("SELECT id FROM ward WHERE code = 'OAK'")).rows[0]!.id;
    });
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of ["stay_event", "stay", "patient", "ingest_message", "ward_bed"]) {
        await db.query(`DELETE FROM ${table}`);
      }
    });

    it("records each bay and bed an HL7 admission names, once, and lists a bed no stay holds as empty", async () => {
      await ingestHl7(ctx, client, bytes(adt("A01", "H1", "M1", "V1", "OAK^Bay 1^1^RXD01")));
      await ingestHl7(ctx, client, bytes(adt("A01", "H2", "M2", "V2", "OAK^Bay 2^1^RXD01")));
      // Same bay and bed again (an A08): still one row for it.
      await ingestHl7(ctx, client, bytes(adt("A08", "H3", "M1", "V1", "OAK^Bay 1^1^RXD01")));
      expect(sorted(await readKnownBeds(db, oak, now))).toEqual(["Bay 1/1", "Bay 2/1"]);

      await ingestHl7(ctx, client, bytes(adt("A03", "H4", "M2", "V2", "OAK^Bay 2^1^RXD01")));
      const snapshot = await readWardSnapshot(db, oak, now);
      expect(snapshot.entries.map((e) => [e.room, e.bed])).toEqual([["Bay 1", "1"]]);
      // The discharge freed Bay 2 bed 1; Bay 1 bed 1 (same bed number, other bay) is still held.
      expect(emptyBeds(snapshot.entries, snapshot.knownBeds)).toEqual([{ room: "Bay 2", bed: "1" }]);
    });

    it("records the bed a transfer left (PV1-6) and frees it; a bed with no bay keeps room null", async () => {
      await ingestHl7(ctx, client, bytes(adt("A01", "T1", "M3", "V3", "OAK^^SR1^RXD01")));
      await ingestHl7(
        ctx,
        client,
        bytes(adt("A02", "T2", "M3", "V3", "ELM^Bay 4^7^RXD01", "OAK^Bay 3^2^RXD01")),
      );
      const snapshot = await readWardSnapshot(db, oak, now);
      expect(snapshot.entries).toEqual([]);
      expect(sorted(emptyBeds(snapshot.entries, snapshot.knownBeds))).toEqual(["-/SR1", "Bay 3/2"]);
      const elm = (await db.query<{ id: string }>("SELECT id FROM ward WHERE code = 'ELM'")).rows[0]!.id;
      expect(sorted(await readKnownBeds(db, elm, now))).toEqual(["Bay 4/7"]);
    });

    it("never creates a ward from a prior location it does not know", async () => {
      await ingestHl7(
        ctx,
        client,
        bytes(adt("A02", "U1", "M4", "V4", "OAK^Bay 1^3^RXD01", "GHOSTWARD^Bay 9^9^RXD01")),
      );
      const wards = await db.query("SELECT 1 FROM ward WHERE code = 'GHOSTWARD'");
      expect(wards.rows).toHaveLength(0);
      expect(sorted(await readKnownBeds(db, oak, now))).toEqual(["Bay 1/3"]);
    });

    it("records the room and bed of a FHIR Encounter's typed locations, and the completed one it left", async () => {
      const typed = (display: string, code: string, status: string) => ({
        location: { display },
        status,
        physicalType: { coding: [{ system: PHYSICAL_TYPE, code }] },
      });
      const transfer = bundle(
        "transaction",
        [
          entry(patient(), "urn:uuid:p1"),
          entry(
            encounter({
              serviceProvider: { identifier: { value: "RXD01" } },
              location: [
                typed("OAK", "wa", "completed"),
                typed("Bay 5", "ro", "completed"),
                typed("4", "bd", "completed"),
                typed("OAK", "wa", "active"),
                typed("Bay 6", "ro", "active"),
                typed("12", "bd", "active"),
              ],
            }),
            "urn:uuid:e1",
          ),
        ],
        { id: "fhir-beds-1" },
      );
      const response = await ingestFhir(ctx, client, bytes(transfer));
      expect(response.status).toBe(200);
      const snapshot = await readWardSnapshot(db, oak, now);
      expect(snapshot.entries.map((e) => [e.room, e.bed])).toEqual([["Bay 6", "12"]]);
      expect(sorted(snapshot.knownBeds)).toEqual(["Bay 5/4", "Bay 6/12"]);
      expect(emptyBeds(snapshot.entries, snapshot.knownBeds)).toEqual([{ room: "Bay 5", bed: "4" }]);
    });

    it("modifies no row for a bed named again within a day, and caps the new beds one message records", async () => {
      const named = (count: number): NamedBed[] =>
        Array.from({ length: count }, (_, index) => ({
          facilityCode: "RXD01",
          ward: "OAK",
          room: `Bay ${Math.floor(index / 10) + 1}`,
          bed: String((index % 10) + 1),
          from: "current",
        }));
      expect(await db.transaction((tx) => recordNamedBeds(db, tx, named(3)))).toBe(3);
      expect(await db.transaction((tx) => recordNamedBeds(db, tx, named(3)))).toBe(0);
      expect(await db.transaction((tx) => recordNamedBeds(db, tx, named(maxBedsPerMessage + 50)))).toBe(
        maxBedsPerMessage - 3,
      );
      expect(await readKnownBeds(db, oak, now)).toHaveLength(maxBedsPerMessage);
    });

    it("stops listing a bed nobody has named for 60 days, and lists it again when it is named", async () => {
      await ingestHl7(ctx, client, bytes(adt("A01", "O1", "M5", "V5", "OAK^Bay 1^8^RXD01")));
      await db.query("UPDATE ward_bed SET last_named_at = now() - interval '61 days'");
      expect(await readKnownBeds(db, oak, new Date())).toEqual([]);
      await ingestHl7(ctx, client, bytes(adt("A08", "O2", "M5", "V5", "OAK^Bay 1^8^RXD01")));
      expect(await readKnownBeds(db, oak, new Date())).toEqual([{ room: "Bay 1", bed: "8" }]);
    });
  });
}
