/**
 * Synthetic HL7 v2 examples for the hl7v2 route. Nobody here is real: NHS numbers are from the 999
 * test range, phone numbers from Ofcom's drama range (01632 960xxx), the site code is the demo
 * hospital's. The ACKs are built by the same code the route uses (lib/hl7/ack.ts), from the
 * mapper's own refusal, so the examples cannot drift from what engines receive.
 */
import { mapHl7Message } from "@/lib/adt/hl7/map-message";
import { buildAck } from "@/lib/hl7/ack";
import { parseHl7 } from "@/lib/hl7/parse";
import type { Example } from "./openapi-types";

/** Fields 1..n of a segment from a sparse map, so nobody has to count pipes. */
function segment(id: string, fields: Record<number, string>): string {
  const last = Math.max(...Object.keys(fields).map(Number));
  return [id, ...Array.from({ length: last }, (_, i) => fields[i + 1] ?? "")].join("|");
}

export const exampleA01 = [
  "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101500||ADT^A01^ADT_A01|PAS00012345|P|2.4|||AL|NE|GBR|UNICODE UTF-8",
  "EVN|A01|20261120101500|||C123^OKAFOR^ADA^^^Dr|20261120100800",
  segment("PID", {
    1: "1",
    3: "RXD0012345^^^RXD01^MR~9990158398^^^NHS^NH",
    5: "SMITH^MARGARET^ANNE^^MRS",
    7: "19380614",
    8: "F",
    11: "12 Orchard Lane^^Riverton^Wessex^RV1 2AB",
    13: "01632 960123",
    15: "ENG^English",
    17: "C^Church of England",
  }),
  "PD1|||Riverton Medical Centre^^Y99999|G9999998^PATEL^PRIYA^^^Dr",
  "NK1|1|SMITH^JOHN^^^MR|SPO^Spouse||01632 960456",
  "AL1|1|DA|^Penicillin|SV^Severe|Anaphylaxis",
  "ZAL|1|Falls risk",
  segment("PV1", {
    1: "1",
    2: "I",
    3: "OAK^BAY2^B04^RXD01",
    6: "AMU^BAY1^B12^RXD01",
    7: "C123^OKAFOR^ADA^^^Dr",
    10: "300",
    19: "V00098765",
    44: "20261120100800",
  }),
].join("\r");

const ackTime = new Date("2026-11-20T10:15:01Z");
const parsedA01 = parseHl7(exampleA01);

function ack(code: "AA" | "AE" | "AR", text: string, errors: Parameters<typeof buildAck>[0]["errors"] = []) {
  return buildAck({
    original: parsedA01,
    code,
    text,
    errors,
    controlId: "DT7c1e0b9a44d2f3e5a1",
    now: ackTime,
    application: "DOWNTIME",
  });
}

/** The mapper's real refusal for the same message with a mistyped NHS number. */
function refusalFor(message: string) {
  const mapping = mapHl7Message(parseHl7(message), { timeZone: "Europe/London", facilityCodes: ["RXD01"] });
  if (mapping.outcome !== "rejected") throw new Error("example refusal was not refused");
  return mapping.issues;
}
// The NHS number as the only identifier: with an MRN beside it, a bad one is dropped with a warning.
const badNhs = refusalFor(exampleA01.replace("RXD0012345^^^RXD01^MR~9990158398", "9990158399"));

/** As lib/ingest/hl7/ingest-hl7.ts answers a request refused before a message was read. */
function refusal(code: "AE" | "AR", text: string) {
  const condition = code === "AE" ? "207" : "100";
  return buildAck({
    code,
    text,
    errors: [{ code: condition, message: text }],
    controlId: "DT0b5d2e8f61a7c9d3e4",
    now: ackTime,
    application: "DOWNTIME",
  });
}

const crNote = "Segments end in a carriage return (\\r, 0x0D), shown here as line breaks.";

export const hl7RequestExamples: Record<string, Example> = {
  admitA01: {
    summary: "ADT^A01 admission to ward OAK, bed B04",
    description: `${crNote} LF and CRLF are accepted too.`,
    value: exampleA01,
  },
};

export const hl7AckExamples: Record<string, Example> = {
  ackAccepted: { summary: "AA: applied", description: crNote, value: ack("AA", "Applied") },
  ackDuplicate: {
    summary: "AA: the same MSH-10 again (nothing changes)",
    value: ack("AA", "Duplicate: already applied", [
      { message: "Already applied: this message was received before", code: "0", severity: "W" },
    ]),
  },
  ackRejected: {
    summary: "AR: can never apply as sent (ERR names the field)",
    description: "Do not retry: fix the message (here PID-3, an NHS number failing its check digit).",
    value: ack("AR", badNhs[0]!.message, badNhs),
  },
  ackUnavailable: {
    summary: "AE: storage unavailable (HTTP 503, retry)",
    value: ack("AE", "Storage is unavailable; retry later", [
      { code: "207", message: "Storage is unavailable; retry later" },
    ]),
  },
  ackUnauthenticated: {
    summary: "AR before any message was read (HTTP 401; MSA-2 is empty)",
    description: "The same shape answers 400, 403, 413, 415 and 500, with the reason in MSA-3 and ERR-8.",
    value: refusal("AR", "API key required (Authorization: Bearer or X-API-Key)"),
  },
  ackRateLimited: {
    summary: "AE: rate limit used up (HTTP 429 with Retry-After)",
    value: refusal("AE", "Rate limit for this API key exceeded; retry later"),
  },
};
