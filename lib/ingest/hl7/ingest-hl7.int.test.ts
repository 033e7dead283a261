/** HL7 v2 ingest end to end below HTTP: bytes in, ACKs out, census changed — on every adapter. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentCensus } from "@/lib/census/census-queries";
import { saveFacilities } from "@/lib/census/facilities";
import { feedCounts } from "@/lib/census/feed-counts";
import type { Database, Queryable } from "@/lib/db/types";
import { parseHl7 } from "@/lib/hl7/parse";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { reachableDatabases } from "@/test/databases.test-kit";
import { testApiClient, testIngestContext } from "@/test/ingest-fixtures.test-kit";
import { ingestHl7 } from "./ingest-hl7";

const client = testApiClient("Test engine");

const admit = (control: string, bed = "B03", time = "20261120101000") =>
  [
    `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|${time}||ADT^A01^ADT_A01|${control}|P|2.4`,
    `EVN|A01|${time}`,
    "PID|1||RXD0000001^^^RXD01^MR~9434765919^^^NHS^NH||JONES^ALED^^^MR||19450302|M",
    `PV1|1|I|OAK^BAY1^${bed}^RXD01||||C123^OKAFOR^ADA^^^DR||||||||||||V0001`,
  ].join("\r");

const bytes = (text: string) => new TextEncoder().encode(text);
const acks = (body: string) => body.split("\r").filter((line) => line.startsWith("MSA"));

for (const target of await reachableDatabases()) {
  describe(`ingestHl7 on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let ctx: IngestContext;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [
        { code: "RXD01", name: "Riverside", wards: [{ code: "OAK", name: "Oak", bedCount: 20 }] },
        // Another site in the same Downtime, which this test's API key may not send for.
        { code: "RXD02", name: "Northgate", wards: [{ code: "OAK", name: "Oak", bedCount: 20 }] },
      ]);
      ctx = testIngestContext(db, "2026-11-20T11:00:00Z");
    });
    afterAll(() => drop());

    it("applies an admission and answers AA echoing MSH-10", async () => {
      const response = await ingestHl7(ctx, client, bytes(admit("CTRL-1")));
      expect(response.status).toBe(200);
      const ack = parseHl7(response.body);
      expect(ack.get("MSH-9")).toBe("ACK");
      expect(ack.get("MSA-1")).toBe("AA");
      expect(ack.get("MSA-2")).toBe("CTRL-1");
      expect(ack.get("MSH-5")).toBe("PAS");
      expect(await currentCensus(db)).toMatchObject([{ wardCode: "OAK", bed: "B03", mrn: "RXD0000001" }]);
    });

    it("answers AA again for a resend without applying it twice, whatever its line endings", async () => {
      const resend = `${admit("CTRL-1").replaceAll("\r", "\r\n")}\r\n`;
      const response = await ingestHl7(ctx, client, bytes(resend));
      expect(parseHl7(response.body).get("MSA-1")).toBe("AA");
      expect(response.body).toContain("Duplicate");
      const events = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM stay_event");
      expect(events.rows[0]!.n).toBe(1);
    });

    it("applies another message that reuses a control id, answering AA with a warning (ERR-4 W)", async () => {
      const response = await ingestHl7(ctx, client, bytes(admit("CTRL-1", "B99", "20261120101500")));
      const ack = parseHl7(response.body);
      expect(ack.get("MSA-1")).toBe("AA");
      expect(ack.get("ERR-4")).toBe("W");
      expect(ack.get("ERR-8")).toMatch(/CTRL-1 was used before for a different message/);
      expect((await currentCensus(db))[0]!.bed).toBe("B99");
    });

    it("refuses a message naming another configured site instead of filing it under the key's own (AR)", async () => {
      const stays = async () =>
        (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM stay")).rows[0]!.n;
      const before = await stays();
      const inLocation = admit("SITE-1").replace("^B03^RXD01|", "^B03^RXD02|").replace("V0001", "V0777");
      const byLocation = parseHl7((await ingestHl7(ctx, client, bytes(inLocation))).body);
      expect(byLocation.get("MSA-1")).toBe("AR");
      expect(byLocation.get("ERR-2.1")).toBe("PV1");
      expect(byLocation.get("ERR-8")).toMatch(/site RXD02, which this API key may not send for/);
      const bySender = admit("SITE-2")
        .replace("|PAS|RXD01|DOWNTIME", "|PAS|RXD02|DOWNTIME")
        .replace("^B03^RXD01|", "^B03^|")
        .replace("V0001", "V0778");
      const bySendingFacility = parseHl7((await ingestHl7(ctx, client, bytes(bySender))).body);
      expect(bySendingFacility.get("MSA-1")).toBe("AR");
      expect(bySendingFacility.get("ERR-2.1")).toBe("MSH");
      expect(await stays()).toBe(before);
      // A sending facility that is no site of Downtime's (a system name) is filed under the key's site.
      const systemName = bySender
        .replace("|PAS|RXD02|DOWNTIME", "|PAS|EPRHOST|DOWNTIME")
        .replace("SITE-2", "SITE-3");
      expect(parseHl7((await ingestHl7(ctx, client, bytes(systemName))).body).get("MSA-1")).toBe("AA");
      expect(await stays()).toBe(before + 1);
    });

    it("accepts a real NHS England ITK message with LF line endings", async () => {
      const itk = readFileSync("test/fixtures/hl7v2/nhse-itk/A01_example.txt", "utf8");
      const response = await ingestHl7(ctx, client, bytes(itk));
      expect(parseHl7(response.body).get("MSA-1")).toBe("AA");
      expect((await currentCensus(db)).map((row) => row.mrn)).toContain("3333333333");
    });

    it("acknowledges traffic it does not use (AA with a note), stores nothing of it and counts it per source", async () => {
      const before = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM patient");
      const oru = readFileSync("test/fixtures/hl7v2/malformed/hl7-standard__input.hl7", "utf8");
      const pending = admit("PEND-1").replace("ADT^A01^ADT_A01", "ADT^A15^ADT_A15").replace("V0001", "V0555");
      for (const message of [oru, oru, pending]) {
        const response = await ingestHl7(ctx, client, bytes(message));
        expect(response.status).toBe(200);
        const ack = parseHl7(response.body);
        expect(ack.get("MSA-1")).toBe("AA");
        expect(ack.get("ERR-4")).toBe("I");
      }
      expect(parseHl7((await ingestHl7(ctx, client, bytes(oru))).body).get("MSA-3")).toMatch(
        /ORU\^R01 is not used by Downtime/,
      );
      const after = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM patient");
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
      const counts = await feedCounts(db, new Date(0));
      // A resend counts once; the source is the key, the sending application and the facility.
      expect(counts).toContainEqual(
        expect.objectContaining({
          source: `${client.id}|SomeSystem|SomeFacility`,
          outcome: "not-used",
          messages: 1,
        }),
      );
      expect(counts).toContainEqual(
        expect.objectContaining({ source: `${client.id}|PAS|RXD01`, outcome: "not-census", messages: 1 }),
      );
    });

    it("refuses a message that can never apply with 200 + AR naming the field", async () => {
      // The NHS number as the only identifier: failing modulus 11 leaves nothing safe to file under.
      const badNhs = admit("CTRL-NHS").replace("RXD0000001^^^RXD01^MR~9434765919", "9434765918");
      const refused = parseHl7((await ingestHl7(ctx, client, bytes(badNhs))).body);
      expect(refused.get("MSA-1")).toBe("AR");
      expect(refused.get("ERR-8")).toMatch(/modulus-11/);
    });

    it("answers a batch with one ACK per message inside BHS/BTS", async () => {
      const batch = `BHS|^~\\&|PAS|RXD01|||||||BATCH-7\r${admit("B-1", "B05")}\r${admit("B-2", "B06", "20261120102000")}\rBTS|2\r`;
      const response = await ingestHl7(ctx, client, bytes(batch));
      expect(response.status).toBe(200);
      expect(response.body.startsWith("BHS|")).toBe(true);
      const header = parseHl7(`MSH${response.body.slice(3)}`);
      expect(header.get("MSH-12")).toBe("BATCH-7");
      expect(acks(response.body)).toEqual([
        expect.stringMatching(/^MSA\|AA\|B-1/),
        expect.stringMatching(/^MSA\|AA\|B-2/),
      ]);
      expect(response.body).toContain("BTS|2");
    });

    it("answers 400 for a body that is not HL7 at all", async () => {
      const response = await ingestHl7(ctx, client, bytes('{"resourceType":"Patient"}'));
      expect(response.status).toBe(400);
      expect(parseHl7(response.body).get("MSA-1")).toBe("AR");
    });

    it("answers 503 + AE with Retry-After when the database fails mid-message, leaving nothing half-written", async () => {
      let statements = 0;
      const failing: Database = {
        ...db,
        dialect: db.dialect,
        query: db.query,
        ping: db.ping,
        close: async () => {},
        transaction: (work, options) =>
          db.transaction(async (tx) => {
            const flaky: Queryable = {
              query: (sql, params) => {
                if (++statements === 3)
                  throw Object.assign(new Error("connection terminated"), { code: "57P01" });
                return tx.query(sql, params);
              },
            };
            return work(flaky);
          }, options),
      };
      const response = await ingestHl7(
        { ...ctx, db: failing },
        client,
        bytes(admit("CTRL-DOWN").replace(/RXD0000001/, "RXD0000009")),
      );
      expect(response.status).toBe(503);
      expect(response.retryAfterSeconds).toBeGreaterThan(0);
      expect(parseHl7(response.body).get("MSA-1")).toBe("AE");
      const leftovers = await db.query("SELECT 1 FROM patient WHERE mrn = 'RXD0000009'");
      const recorded = await db.query("SELECT 1 FROM ingest_message WHERE control_id = 'CTRL-DOWN'");
      expect(leftovers.rows).toHaveLength(0);
      expect(recorded.rows).toHaveLength(0);
      // Once storage is back, the engine's retry applies it.
      expect(parseHl7((await ingestHl7(ctx, client, bytes(admit("CTRL-DOWN")))).body).get("MSA-1")).toBe(
        "AA",
      );
    });

    /** The shared admission for another patient and visit, so these cases touch nothing above. */
    const other = (control: string, mrn: string, visit: string) =>
      admit(control).replace("RXD0000001", mrn).replace("V0001", visit).replace("^B03^", "^B11^");
    const errs = (body: string) =>
      body
        .split("\r")
        .filter((line) => line.startsWith("ERR"))
        .map((line) => parseHl7(`MSH|^~\\&|X\r${line}`));

    it("lands an admission with a garbled PV1-44 on the census: AA, the field dropped, an ERR W naming PV1-44", async () => {
      const garbled = `${other("PART-1", "RXD0000042", "V0042")}|||||||||||||||||||||||||2026132510`;
      expect(parseHl7(garbled).get("PV1-44")).toBe("2026132510");
      const response = await ingestHl7(ctx, client, bytes(garbled));
      expect(response.status).toBe(200);
      expect(parseHl7(response.body).get("MSA-1")).toBe("AA");
      expect(
        errs(response.body).map((err) => [
          err.get("ERR-2.1"),
          err.get("ERR-2.3"),
          err.get("ERR-3.1"),
          err.get("ERR-4"),
        ]),
      ).toEqual([["PV1", "44", "102", "W"]]);
      expect(await currentCensus(db)).toContainEqual(
        expect.objectContaining({ mrn: "RXD0000042", wardCode: "OAK", bed: "B11", visitNumber: "V0042" }),
      );
      // With PV1-44 dropped the admission time is the event time (EVN-2), not a guess from the garble.
      const { rows } = await db.query<{ admitted_at: Date }>(
        "SELECT admitted_at FROM stay WHERE visit_number = 'V0042'",
      );
      expect(new Date(rows[0]!.admitted_at)).toEqual(new Date("2026-11-20T10:10:00Z"));
    });

    it("applies an admission whose NHS number fails modulus 11 under its MRN, storing no NHS number (AA + W)", async () => {
      const typo = other("PART-2", "RXD0000043", "V0043").replace("9434765919", "9434765918");
      const response = await ingestHl7(ctx, client, bytes(typo));
      expect(parseHl7(response.body).get("MSA-1")).toBe("AA");
      const [err] = errs(response.body);
      expect([err!.get("ERR-2.1"), err!.get("ERR-2.3"), err!.get("ERR-2.4"), err!.get("ERR-4")]).toEqual([
        "PID",
        "3",
        "2",
        "W",
      ]);
      expect(response.body).not.toContain("9434765918");
      const row = (await currentCensus(db)).find((each) => each.mrn === "RXD0000043");
      expect(row).toMatchObject({ wardCode: "OAK", nhsNumber: null });
    });

    it("files the patient under the API client's configured MRN authority", async () => {
      const twoPas = other("PART-3", "RXD0000044", "V0044").replace(
        "RXD0000044^^^RXD01^MR~",
        "REG0000044^^^REGION^MR~RXD0000044^^^RXDPAS^PI~",
      );
      const configured = { ...client, mrnAuthorities: ["RXDPAS"] };
      expect(parseHl7((await ingestHl7(ctx, configured, bytes(twoPas))).body).get("MSA-1")).toBe("AA");
      const mrns = (await currentCensus(db)).map((row) => row.mrn);
      expect(mrns).toContain("RXD0000044");
      expect(mrns).not.toContain("REG0000044");
    });

    it("refuses an admission with no ward in PV1-3 (AR 101 naming PV1-3) and stores nothing", async () => {
      const nowhere = other("PART-4", "RXD0000045", "V0045").replace("OAK^BAY1^B11^RXD01", "");
      const ack = parseHl7((await ingestHl7(ctx, client, bytes(nowhere))).body);
      expect([ack.get("MSA-1"), ack.get("ERR-2.1"), ack.get("ERR-2.3"), ack.get("ERR-3.1")]).toEqual([
        "AR",
        "PV1",
        "3",
        "101",
      ]);
      const { rows } = await db.query("SELECT 1 FROM stay WHERE visit_number = 'V0045'");
      expect(rows).toHaveLength(0);
    });
  });
}
