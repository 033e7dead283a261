/**
 * Swaps and moves end to end (HL7 v2 in, census out) on every database adapter: A17 moves both
 * patients, A44/A45 hand visits to another patient (and a late older event never hands them
 * back), A47 renames the patient, pending events change nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { parseHl7 } from "@/lib/hl7/parse";
import { ingestHl7 } from "@/lib/ingest/hl7/ingest-hl7";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { reachableDatabases } from "@/test/databases.test-kit";
import { testApiClient, testIngestContext } from "@/test/ingest-fixtures.test-kit";
import { currentCensus } from "./census-queries";
import { saveFacilities } from "./facilities";

const client = testApiClient("Moves feed");
let seq = 0;

const msh = (trigger: string, time: string) =>
  `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|${time}||ADT^${trigger}|M-${++seq}|P|2.5\rEVN|${trigger}|${time}`;
const pid = (mrn: string, family = "JONES", account = "") =>
  `PID|1||${mrn}^^^RXD01^MR||${family}^ALED||19450302|M||||||||||${account}`;
const pv1 = (visit: string, bed: string, prior = "") =>
  `PV1|1|I|OAK^BAY1^${bed}^RXD01|||${prior ? `OAK^BAY1^${prior}^RXD01` : ""}|||||||||||||${visit}`;

const admit = (mrn: string, visit: string, bed: string, time = "20261120090000", account = "") =>
  [msh("A01", time), pid(mrn, "JONES", account), pv1(visit, bed)].join("\r");

for (const target of await reachableDatabases()) {
  describe(`swaps and moves on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let ctx: IngestContext;
    const send = async (text: string) => {
      const ack = parseHl7((await ingestHl7(ctx, client, new TextEncoder().encode(text))).body);
      expect(ack.get("MSA-1"), ack.get("ERR-8")).toBe("AA");
      return ack;
    };
    const census = async () => (await currentCensus(db)).map((row) => `${row.mrn} ${row.bed}`).sort();

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [
        { code: "RXD01", name: "Riverside", wards: [{ code: "OAK", name: "Oak", bedCount: 20 }] },
      ]);
      ctx = testIngestContext(db, "2026-11-20T12:00:00Z");
    });
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of ["stay_event", "stay", "patient", "ingest_message"])
        await db.query(`DELETE FROM ${table}`);
    });

    it("A17 swaps two patients' beds: both move", async () => {
      await send(admit("M1", "V1", "B03"));
      await send(admit("M2", "V2", "B04"));
      await send(
        [
          msh("A17", "20261120100000"),
          pid("M1"),
          pv1("V1", "B04", "B03"),
          pid("M2", "EVANS"),
          pv1("V2", "B03", "B04"),
        ].join("\r"),
      );
      expect(await census()).toEqual(["M1 B04", "M2 B03"]);
    });

    it("A45 hands a visit to another patient; a late, older update from the old patient does not take it back", async () => {
      await send(admit("M1", "V1", "B03"));
      await send(
        [msh("A45", "20261120100000"), pid("M9", "JONAS"), "MRG|M1^^^RXD01^MR||||V1", pv1("V1", "")].join(
          "\r",
        ),
      );
      expect(await census()).toEqual(["M9 B03"]);
      await send([msh("A08", "20261120093000"), pid("M1"), pv1("V1", "B05")].join("\r"));
      // The update's bed applies (it is the visit's own news); the stay stays with M9.
      expect(await census()).toEqual(["M9 B05"]);
    });

    it("A45 arriving before the admission it moves still decides whose stay it is", async () => {
      await send(
        [msh("A45", "20261120100000"), pid("M9", "JONAS"), "MRG|M1^^^RXD01^MR||||V1", pv1("V1", "")].join(
          "\r",
        ),
      );
      expect(await census()).toEqual([]);
      await send(admit("M1", "V1", "B03"));
      expect(await census()).toEqual(["M9 B03"]);
    });

    it("A44 moves only the visits of the named account (PID-18 as sent on them)", async () => {
      await send(admit("M1", "V1", "B03", "20261120090000", "ACC-7"));
      await send(admit("M1", "V2", "B06", "20261120090500", "ACC-8"));
      await send([msh("A44", "20261120100000"), pid("M9", "JONAS"), "MRG|M1^^^RXD01^MR||ACC-7"].join("\r"));
      expect(await census()).toEqual(["M1 B06", "M9 B03"]);
      const noMatch = await send(
        [msh("A44", "20261120101000"), pid("M9"), "MRG|M1^^^RXD01^MR||ACC-404"].join("\r"),
      );
      expect(noMatch.get("ERR-8")).toMatch(/nothing was moved/);
    });

    it("A47 changes the patient's identifier: the stay shows the new one, and the old one still reaches it", async () => {
      await send(admit("M1", "V1", "B03"));
      await send([msh("A47", "20261120100000"), pid("M10"), "MRG|M1^^^RXD01^MR"].join("\r"));
      expect(await census()).toEqual(["M10 B03"]);
      await send([msh("A02", "20261120110000"), pid("M1"), pv1("V1", "B07", "B03")].join("\r"));
      expect(await census()).toEqual(["M10 B07"]);
    });

    it("pending and cancel-pending events leave the census as it was", async () => {
      await send(admit("M1", "V1", "B03"));
      for (const trigger of ["A15", "A16", "A25", "A26", "A27", "A32", "A33"]) {
        const ack = await send([msh(trigger, "20261120100000"), pid("M1"), pv1("V1", "B09")].join("\r"));
        expect(ack.get("ERR-8"), trigger).toMatch(/census unchanged/);
      }
      expect(await census()).toEqual(["M1 B03"]);
    });
  });
}
