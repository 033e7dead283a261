/** MDM → document mapping, per rule (HL7 v2.5 ch. 9.6), on a public sample and synthetic messages. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHl7 } from "@/lib/hl7/parse";
import { mapMdmDocument } from "./map-mdm-document";

const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

const mdm = (options: { trigger?: string; txa?: string; obx?: string[] } = {}) =>
  parseHl7(
    [
      `MSH|^~\\&|EPR|RXD01|DOWNTIME|RXD01|20261120120000||MDM^${options.trigger ?? "T02"}^MDM_T02|DOC-1|P|2.5`,
      "EVN|T02|20261120115900",
      "PID|1||RXD0000001^^^RXD01^MR||JONES^ALED||19450302|M",
      "PV1|1|I|OAK^BAY1^B03^RXD01||||||||||||||||V0001",
      options.txa ?? "TXA|1|DS^Discharge summary|AP|20261120115500||||||||DS-2026-0001||||||AU|AV",
      ...(options.obx ?? [`OBX|1|ED|DS^Discharge summary||^AP^PDF^Base64^${pdf.toString("base64")}||||||F`]),
    ].join("\r"),
  );

const documentOf = (message: ReturnType<typeof mdm>) => {
  const mapping = mapMdmDocument(message);
  if (mapping.outcome !== "document") throw new Error(`expected a document, got ${JSON.stringify(mapping)}`);
  return mapping.document;
};

describe("mapMdmDocument", () => {
  it("takes a base64 PDF from OBX-5 (ED), its id from TXA-12, title and kind from TXA-2, visit from PV1-19", () => {
    const document = documentOf(mdm());
    expect(Buffer.from(document.body).equals(pdf)).toBe(true);
    expect(document).toMatchObject({
      documentId: "DS-2026-0001",
      title: "Discharge summary",
      kind: "discharge-summary",
      contentType: "application/pdf",
      visitNumber: "V0001",
    });
  });

  it("joins a document split over continuation OBX segments with the same OBX-3, and reads MIME-style subtypes", () => {
    const encoded = pdf.toString("base64");
    const half = Math.floor(encoded.length / 8) * 4;
    const split = documentOf(
      mdm({
        obx: [
          `OBX|1|ED|PDF^Report||^application^pdf^Base64^${encoded.slice(0, half)}||||||F`,
          `OBX|2|ED|PDF^Report||^application^pdf^Base64^${encoded.slice(half)}||||||F`,
        ],
      }),
    );
    expect(Buffer.from(split.body).equals(pdf)).toBe(true);
  });

  it("reads text documents: ED text (A or Hex encoding) and TX observation lines", () => {
    const ascii = documentOf(mdm({ obx: ["OBX|1|ED|N^Note||^TEXT^^A^Plain note||||||F"] }));
    expect(ascii.contentType).toBe("text/plain");
    expect(new TextDecoder().decode(ascii.body)).toBe("Plain note");
    const hex = documentOf(
      mdm({ obx: [`OBX|1|ED|N^Note||^TEXT^plain^Hex^${Buffer.from("Hex note").toString("hex")}||||||F`] }),
    );
    expect(new TextDecoder().decode(hex.body)).toBe("Hex note");
    const lines = documentOf(
      mdm({ obx: ["OBX|1|TX|N^Note||Line one||||||F", "OBX|2|TX|N^Note||Line two||||||F"] }),
    );
    expect(new TextDecoder().decode(lines.body)).toBe("Line one\nLine two\n");
  });

  it("files a replacement (T10) under the parent it replaces (TXA-13), an edit (T08) under its own id", () => {
    const txa = "TXA|1|DS|AP|20261120115500||||||||DS-0002|DS-0001|||||AU|AV";
    expect(documentOf(mdm({ trigger: "T10", txa })).documentId).toBe("DS-0001");
    expect(documentOf(mdm({ trigger: "T08", txa })).documentId).toBe("DS-0002");
  });

  it("gives ids the documents API cannot take a stable digest, and unknown types a kind from the code", () => {
    const txa = "TXA|1|ZZ-1|AP|20261120115500||||||||1.2.840.317/59 47#431||||||AU|AV";
    const document = documentOf(mdm({ txa }));
    expect(document.documentId).toMatch(/^mdm-[0-9a-f]{40}$/);
    expect(documentOf(mdm({ txa })).documentId).toBe(document.documentId);
    expect(document).toMatchObject({ kind: "zz-1", title: "Clinical document" });
  });

  it("stores nothing for notification-only triggers or a document that is not available (TXA-19)", () => {
    for (const trigger of ["T01", "T03", "T05", "T07", "T09", "T11"]) {
      expect(mapMdmDocument(mdm({ trigger })), trigger).toMatchObject({ outcome: "not-stored" });
    }
    const cancelled = mdm({ txa: "TXA|1|DS|AP|20261120115500||||||||DS-1||||||AU|CA" });
    expect(mapMdmDocument(cancelled)).toMatchObject({
      outcome: "not-stored",
      note: expect.stringMatching(/cancelled/),
    });
  });

  it("refuses what cannot give a document, naming the field", () => {
    const sample = parseHl7(
      readFileSync("test/fixtures/hl7v2/microsoft-fhir-converter/MDM-T02-01.hl7", "utf8"),
    );
    // The public sample's ED OBX-5 has every component but the data.
    expect(mapMdmDocument(sample)).toMatchObject({ outcome: "rejected", issue: { location: "OBX[2]-5.5" } });
    expect(mapMdmDocument(mdm({ txa: "TXA|1|DS|AP" }))).toMatchObject({ issue: { location: "TXA-12" } });
    expect(mapMdmDocument(mdm({ obx: [] }))).toMatchObject({ issue: { location: "OBX-5", code: "101" } });
    expect(mapMdmDocument(mdm({ obx: ["OBX|1|ED|X||^AP^DOC^Base64^AAAA||||||F"] }))).toMatchObject({
      issue: { location: "OBX[1]-5.3", code: "103" },
    });
    expect(mapMdmDocument(mdm({ obx: ["OBX|1|ED|X||^AP^PDF^Base64^not*base64||||||F"] }))).toMatchObject({
      issue: { location: "OBX[1]-5.4", code: "102" },
    });
  });
});
