/**
 * JSON Schema for POST /api/ingest/census, generated from the route's own zod schema
 * (lib/ingest/census-json/census-json-schema.ts) so names, limits and required fields cannot drift
 * from what is enforced; only the descriptions are written here. Rules zod cannot express in JSON
 * Schema (visit required for stay kinds, mergedFrom for merges, the NHS number check) are described.
 */
import { z } from "zod";
import { censusRequestSchema } from "@/lib/ingest/census-json/census-json-schema";
import type { JsonSchema } from "./openapi-types";

const publishable = "Stored only when the facility's publishing rules list it; otherwise dropped unstored.";

/** Descriptions by field path, as the rendered reference lists them. */
export const censusFieldDescriptions: Record<string, string> = {
  messageId: "Unique per API key: the same id and content again is a duplicate and changes nothing",
  events: "Applied in one transaction: all of them or none",
  "events[].kind": "What happened, named after the HL7 v2 ADT trigger of the same meaning (admit = A01…)",
  "events[].facilityCode": "Site code; must be in the API key's scope (403) and configured in Downtime (422)",
  "events[].eventAt": "When it happened, with an offset (Z or +01:00). Events are ordered by it",
  "events[].patient.mrn": "The facility's PAS number; the census keys patients on facility + MRN",
  "events[].patient.nhsNumber": "10 digits, spaces ignored; must pass the modulus-11 check (else 400)",
  "events[].patient.demographics.familyName": "Always published",
  "events[].patient.demographics.givenNames": "Given names, space separated",
  "events[].patient.demographics.birthDate": "YYYY-MM-DD",
  "events[].patient.demographics.alerts": `Clinical alerts. ${publishable}`,
  "events[].patient.demographics.allergies": `Allergen and reaction, with severity. ${publishable}`,
  "events[].patient.demographics.allergyStatus":
    'Send "none-known" when the hospital system recorded no known allergies; without it and without allergies the screens say "Allergies not sent by the hospital system"',
  "events[].patient.demographics.nextOfKin": `${publishable}`,
  "events[].patient.demographics.address": `One line. ${publishable}`,
  "events[].patient.demographics.phone": publishable,
  "events[].patient.demographics.gp": `Registered GP or practice. ${publishable}`,
  "events[].patient.demographics.religion": publishable,
  "events[].patient.demographics.language": publishable,
  "events[].visit":
    "The stay. Required for every kind except person-add, person-update, merge, move-account and change-identifier",
  "events[].visit.visitNumber": "Stay identifier (HL7 PV1-19)",
  "events[].visit.patientClass": "HL7 table 0004: I inpatient, O outpatient, E emergency, P pre-admit",
  "events[].visit.location": "Where the patient is now. Unknown ward codes are created on first sight",
  "events[].visit.priorLocation": "Where the patient was before a transfer",
  "events[].visit.consultant": `Responsible consultant, e.g. Dr Ada Okafor. ${publishable}`,
  "events[].visit.admittedAt": "When the stay started, with an offset",
  "events[].visit.dischargedAt": "When the stay ended, with an offset",
  "events[].visit.accountNumber": "Patient account number (HL7 PID-18): what a move-account names",
  "events[].mergedFrom": "Required for merge and change-identifier: the identifiers that no longer exist",
  "events[].movedFrom":
    "Required for move-account: the patient the visits move from (mrn) and their account number",
};

type Node = Record<string, unknown> & { properties?: Record<string, Node>; items?: Node };

/** Drops zod's date regexes (format says it) and adds descriptions, removing used paths from `unused`. */
function addDescriptions(node: Node, prefix: string, unused: Set<string>): void {
  if (typeof node.format === "string" && node.format.startsWith("date")) delete node.pattern;
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const path = `${prefix}${name}`;
    const description = censusFieldDescriptions[path];
    if (description) {
      child.description = description;
      unused.delete(path);
    }
    addDescriptions(child, `${path}.`, unused);
    if (child.items) addDescriptions(child.items, `${path}[].`, unused);
  }
}

function generate(): { schema: JsonSchema; unused: string[] } {
  const raw = z.toJSONSchema(censusRequestSchema, { io: "input", unrepresentable: "any" }) as Node;
  delete raw.$schema;
  const unused = new Set(Object.keys(censusFieldDescriptions));
  addDescriptions(raw, "", unused);
  return { schema: raw as JsonSchema, unused: [...unused] };
}

const generated = generate();

/** Description paths that match no field (a renamed field); document.test.ts expects none. */
export const unusedCensusDescriptions = generated.unused;

export const censusSchemas: Record<string, JsonSchema> = {
  CensusMessage: {
    ...generated.schema,
    description: "Census events for one delivery. Unknown fields are refused (400).",
  },
  CensusResult: {
    type: "object",
    required: ["status", "notes"],
    properties: {
      status: { type: "string", enum: ["applied", "duplicate"] },
      notes: { type: "array", items: { type: "string" }, description: "For the sender; no patient data" },
    },
  },
};
