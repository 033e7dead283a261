/**
 * MDM (HL7 v2.5 ch. 9.6, medical document management) → a downtime document, stored through the
 * same path as the documents API. Only the triggers that carry the document's content do:
 *   T02 original, T04 status change, T06 addendum, T08 edit, T10 replacement ("… and content").
 * The notification-only triggers (T01, T03, T05, T07, T09, T11) are acknowledged and not stored.
 *
 * Fields read:
 *   PID-3            the patient (MRN as for ADT), PV1-19 the visit it belongs to, if known
 *   TXA-2            document type (table 0270; CWE text in TXA-2.2 where sent) → title and kind
 *   TXA-12           unique document number → the document id (T10: TXA-13, the parent it replaces)
 *   TXA-19           availability (table 0275): CA cancelled, OB obsolete, UN unavailable → not stored
 *   OBX (OBX-2 ED)   OBX-5 = source ^ type of data ^ data subtype ^ encoding ^ data (Base64, Hex or A);
 *                    continuation OBX segments with the same OBX-3 are joined in order
 *   OBX (TX, FT, ST) lines of a text document, joined with line breaks, when there is no ED
 *   EVN-6/EVN-2/MSH-7 when this version was produced (a later version replaces an earlier one)
 */
import { createHash } from "node:crypto";
import type { MappingIssue } from "@/lib/adt/hl7/mapping-result";
import type { DocumentContentType } from "@/lib/documents/document-metadata";
import type { Hl7Message } from "@/lib/hl7/message";

export const contentTriggers: ReadonlySet<string> = new Set(["T02", "T04", "T06", "T08", "T10"]);

export interface MdmDocument {
  /** TXA-12 (or TXA-13 for a replacement), as a document id the documents API accepts. */
  documentId: string;
  title: string;
  kind: string;
  contentType: DocumentContentType;
  body: Uint8Array;
  visitNumber?: string;
}

export type MdmMapping =
  | { outcome: "document"; document: MdmDocument }
  | { outcome: "not-stored"; note: string }
  | { outcome: "rejected"; issue: MappingIssue };

// HL7 table 0270 (document type), with the kinds Downtime's documents use.
const documentTypes: Readonly<Record<string, { title: string; kind: string }>> = {
  AR: { title: "Autopsy report", kind: "autopsy-report" },
  CD: { title: "Cardiodiagnostics", kind: "cardiodiagnostics" },
  CN: { title: "Consultation", kind: "consultation" },
  DI: { title: "Diagnostic imaging", kind: "diagnostic-imaging" },
  DS: { title: "Discharge summary", kind: "discharge-summary" },
  ED: { title: "Emergency department report", kind: "emergency-report" },
  HP: { title: "History and physical examination", kind: "history-and-physical" },
  OP: { title: "Operative report", kind: "operative-report" },
  PC: { title: "Psychiatric consultation", kind: "psychiatric-consultation" },
  PH: { title: "Psychiatric history", kind: "psychiatric-history" },
  PN: { title: "Procedure note", kind: "procedure-note" },
  PR: { title: "Progress note", kind: "progress-note" },
  SP: { title: "Surgical pathology", kind: "surgical-pathology" },
  TS: { title: "Transfer summary", kind: "transfer-summary" },
};

const unavailable: Readonly<Record<string, string>> = { CA: "cancelled", OB: "obsolete", UN: "unavailable" };

const DOCUMENT_ID = /^[A-Za-z0-9._-]{1,128}$/;

const rejected = (location: string, code: MappingIssue["code"], message: string): MdmMapping => ({
  outcome: "rejected",
  issue: { location, code, message },
});

/** The id as sent when the documents API could take it; else a stable digest of it. */
function documentIdFrom(raw: string): string {
  return DOCUMENT_ID.test(raw) ? raw : `mdm-${createHash("sha256").update(raw).digest("hex").slice(0, 40)}`;
}

function titleAndKind(message: Hl7Message): { title: string; kind: string } {
  const code = message.get("TXA-2.1").trim().toUpperCase();
  const text = message.get("TXA-2.2").trim();
  const known = documentTypes[code];
  const kind =
    known?.kind ??
    (code
      .toLowerCase()
      .replace(/[^a-z0-9 _-]/g, "")
      .slice(0, 64) ||
      "clinical-document");
  return { title: (text || known?.title || "Clinical document").slice(0, 200), kind };
}

function contentTypeOf(typeOfData: string, subtype: string): DocumentContentType | undefined {
  const sub = subtype.toLowerCase();
  if (sub.includes("pdf")) return "application/pdf";
  if (sub.includes("html")) return "text/html";
  if (sub === "plain" || sub === "text" || sub === "txt") return "text/plain";
  if (sub === "" && typeOfData.toUpperCase() === "TEXT") return "text/plain";
  return undefined;
}

function decode(encoding: string, data: string): Uint8Array | undefined {
  const enc = encoding.trim().toUpperCase();
  if (enc === "BASE64") {
    const compact = data.replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
    return Buffer.from(compact, "base64");
  }
  if (enc === "HEX") {
    const compact = data.replace(/\s+/g, "");
    return /^([0-9A-Fa-f]{2})*$/.test(compact) ? Buffer.from(compact, "hex") : undefined;
  }
  if (enc === "A" || enc === "") return new TextEncoder().encode(data);
  return undefined;
}

interface Content {
  contentType: DocumentContentType;
  body: Uint8Array;
}

/** The ED OBX segments' document, joined across continuation segments. */
function encapsulated(message: Hl7Message): Content | MdmMapping | undefined {
  const obx = message.segments("OBX").map((_, i) => `OBX[${i + 1}]`);
  const ed = obx.filter((path) => message.get(`${path}-2`).trim().toUpperCase() === "ED");
  if (ed.length === 0) return undefined;
  const first = ed[0]!;
  const identifier = message.get(`${first}-3.1`);
  const parts = ed.filter((path) => message.get(`${path}-3.1`) === identifier);
  const contentType = contentTypeOf(message.get(`${first}-5.2`), message.get(`${first}-5.3`));
  if (!contentType)
    return rejected(
      `${first}-5.3`,
      "103",
      "OBX-5.3 (data subtype) must be a PDF, HTML or plain text document",
    );
  const data = parts.map((path) => message.getAll(`${path}-5.5`).join("")).join("");
  const body = decode(message.get(`${first}-5.4`), data);
  if (!body)
    return rejected(`${first}-5.4`, "102", "OBX-5.5 could not be decoded with the encoding in OBX-5.4");
  if (body.byteLength === 0) return rejected(`${first}-5.5`, "101", "OBX-5.5 (the document's data) is empty");
  return { contentType, body };
}

/** A text document sent as TX/FT/ST observation lines. */
function textLines(message: Hl7Message): Content | undefined {
  const lines = message
    .segments("OBX")
    .map((_, i) => `OBX[${i + 1}]`)
    .filter((path) => ["TX", "FT", "ST"].includes(message.get(`${path}-2`).trim().toUpperCase()))
    .flatMap((path) => message.getAll(`${path}-5`));
  if (lines.join("").trim() === "") return undefined;
  return { contentType: "text/plain", body: new TextEncoder().encode(`${lines.join("\n")}\n`) };
}

export function mapMdmDocument(message: Hl7Message): MdmMapping {
  const trigger = message.triggerEvent.toUpperCase();
  if (!contentTriggers.has(trigger))
    return {
      outcome: "not-stored",
      note: `MDM^${trigger || "?"} carries no document content; acknowledged and not stored`,
    };
  if (!message.segment("TXA")) return rejected("TXA", "101", "TXA segment is required for a document");
  const availability = message.get("TXA-19").trim().toUpperCase();
  if (unavailable[availability])
    return {
      outcome: "not-stored",
      note: `TXA-19 says the document is ${unavailable[availability]}; not stored`,
    };
  const replaces = trigger === "T10" ? message.get("TXA-13.1").trim() : "";
  const id = replaces || message.get("TXA-12.1").trim();
  if (!id) return rejected("TXA-12", "101", "TXA-12 (unique document number) is required");
  const content = encapsulated(message) ?? textLines(message);
  if (!content) return rejected("OBX-5", "101", "No document content: send it in OBX-5 (ED, or TX lines)");
  if ("outcome" in content) return content;
  const visitNumber = message.get("PV1-19.1").trim();
  return {
    outcome: "document",
    document: {
      documentId: documentIdFrom(id),
      ...titleAndKind(message),
      ...content,
      ...(visitNumber ? { visitNumber } : {}),
    },
  };
}
