/** MDM documents through the HL7 endpoint's logic into the documents store, on every database adapter. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { feedCounts } from "@/lib/census/feed-counts";
import { findDocumentByExternalId } from "@/lib/documents/read-document";
import { parseHl7 } from "@/lib/hl7/parse";
import { reachableDatabases } from "@/test/databases.test-kit";
import { ingestTestBed, testApiClient } from "@/test/ingest-fixtures.test-kit";
import { ingestHl7 } from "../ingest-hl7";

const client = testApiClient("Document feed");
const pdf = Buffer.from("%PDF-1.4\n% discharge summary\n%%EOF\n");
const bytes = (text: string) => new TextEncoder().encode(text);

const admit = [
  "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120100000||ADT^A01^ADT_A01|ADT-1|P|2.4",
  "EVN|A01|20261120100000",
  "PID|1||RXD0000001^^^RXD01^MR||JONES^ALED||19450302|M",
  "PV1|1|I|OAK^BAY1^B03^RXD01||||||||||||||||V0001",
].join("\r");

const mdm = (control: string, mrn = "RXD0000001", visit = "V0001", time = "20261120120000") =>
  [
    `MSH|^~\\&|EPR|RXD01|DOWNTIME|RXD01|${time}||MDM^T02^MDM_T02|${control}|P|2.5`,
    `EVN|T02|${time}`,
    `PID|1||${mrn}^^^RXD01^MR||JONES^ALED||19450302|M`,
    `PV1|1|I|OAK^BAY1^B03^RXD01||||||||||||||||${visit}`,
    "TXA|1|DS|AP|20261120115500||||||||DS-0001||||||AU|AV",
    `OBX|1|ED|DS^Discharge summary||^AP^PDF^Base64^${pdf.toString("base64")}||||||F`,
  ].join("\r");

for (const target of await reachableDatabases()) {
  describe(`MDM documents on ${target.dialect}`, () => {
    const bed = ingestTestBed(target, "2026-11-20T12:30:00Z");

    it("answers AE (not AR) for a document whose patient is not known yet, and stores nothing", async () => {
      const ack = parseHl7((await ingestHl7(bed.ctx, client, bytes(mdm("MDM-0")))).body);
      expect(ack.get("MSA-1")).toBe("AE");
      expect(ack.get("MSA-2")).toBe("MDM-0");
      expect(ack.get("ERR-8")).toMatch(/send the ADT first/);
      expect(await findDocumentByExternalId(bed.db, "RXD01", "RXD0000001", "DS-0001")).toBeNull();
    });

    it("stores an MDM^T02 PDF as the patient's downtime document for that stay, exactly as sent", async () => {
      expect(parseHl7((await ingestHl7(bed.ctx, client, bytes(admit))).body).get("MSA-1")).toBe("AA");
      const response = await ingestHl7(bed.ctx, client, bytes(mdm("MDM-1")));
      expect(response.status).toBe(200);
      const ack = parseHl7(response.body);
      expect(ack.get("MSA-1")).toBe("AA");
      expect(ack.get("MSA-3")).toBe("Document created");
      const stored = await findDocumentByExternalId(bed.db, "RXD01", "RXD0000001", "DS-0001");
      expect(stored).toMatchObject({
        kind: "discharge-summary",
        title: "Discharge summary",
        contentType: "application/pdf",
        bytes: pdf.byteLength,
        sha256: createHash("sha256").update(pdf).digest("hex"),
      });
      expect(stored!.stayId).not.toBeNull();
    });

    it("changes nothing for a resend, and files a document for an unknown visit under the patient with a warning", async () => {
      const again = parseHl7((await ingestHl7(bed.ctx, client, bytes(mdm("MDM-1")))).body);
      expect(again.get("MSA-3")).toBe("Document unchanged");
      const later = mdm("MDM-2", "RXD0000001", "V9999", "20261120121500");
      const ack = parseHl7((await ingestHl7(bed.ctx, client, bytes(later))).body);
      expect(ack.get("MSA-1")).toBe("AA");
      expect(ack.get("ERR-2.1")).toBe("PV1");
      expect(ack.get("ERR-4")).toBe("W");
      const stored = await findDocumentByExternalId(bed.db, "RXD01", "RXD0000001", "DS-0001");
      expect(stored!.stayId).toBeNull();
      const counts = await feedCounts(bed.db, new Date(0));
      expect(counts).toContainEqual(
        expect.objectContaining({ source: `${client.id}|EPR|RXD01`, outcome: "document", messages: 2 }),
      );
    });

    it("refuses (AR) a document message that carries no document", async () => {
      const empty = mdm("MDM-3").replace(
        /OBX\|1\|ED\|[^\r]*/,
        "OBX|1|ED|DS^Discharge summary||^AP^PDF^Base64^||||||F",
      );
      const ack = parseHl7((await ingestHl7(bed.ctx, client, bytes(empty))).body);
      expect(ack.get("MSA-1")).toBe("AR");
      expect(ack.get("ERR-2.1")).toBe("OBX");
    });
  });
}
