/**
 * FHIR R4 shapes for POST /api/ingest/fhir, as far as a reader of this document needs them: the
 * resource types accepted (Patient, Encounter, Bundle) and the answers (a response Bundle, or an
 * OperationOutcome, https://hl7.org/fhir/R4/operationoutcome.html). The FHIR specification itself is
 * the full schema; elements not listed here are accepted and ignored.
 */
import { type JsonSchema, ref } from "./openapi-types";

const resource = (type: string, description: string, required: string[] = []): JsonSchema => ({
  type: "object",
  title: type,
  description,
  required: ["resourceType", ...required],
  properties: { resourceType: { const: type }, id: { type: "string" } },
  additionalProperties: true,
});

const issue: JsonSchema = {
  type: "object",
  required: ["severity", "code", "diagnostics"],
  properties: {
    severity: { type: "string", enum: ["fatal", "error", "warning", "information"] },
    code: {
      type: "string",
      description: "FHIR issue-type, e.g. invalid, value, login, throttled, transient",
    },
    diagnostics: { type: "string", description: "What is wrong; never echoes a value from the request" },
    expression: {
      type: "array",
      items: { type: "string" },
      description: "FHIRPath of the element concerned, e.g. Bundle.entry[1].resource.status",
    },
  },
};

export const fhirSchemas: Record<string, JsonSchema> = {
  FhirRequest: {
    description: "A Patient, an Encounter, or a Bundle of type transaction, batch or message",
    oneOf: [ref("schemas", "FhirPatient"), ref("schemas", "FhirEncounter"), ref("schemas", "FhirBundle")],
  },
  FhirPatient: resource(
    "Patient",
    "On its own: a person update (A31). NHS number from identifier system " +
      "https://fhir.nhs.uk/Id/nhs-number (modulus-11 checked); MRN from the API key's MRN authority, else " +
      "the identifier typed MR (v2-0203), kept qualified by its system.",
  ),
  FhirEncounter: resource(
    "Encounter",
    "A stay snapshot; status (and class) decide the census event. Its subject must be resolvable " +
      "within the request (a Bundle entry or a contained Patient).",
    ["status"],
  ),
  FhirBundle: {
    ...resource(
      "Bundle",
      "transaction: all or nothing; batch: each entry on its own; message: MessageHeader first",
      ["type"],
    ),
    properties: {
      resourceType: { const: "Bundle" },
      id: { type: "string", description: "Identifies the delivery: the same Bundle.id again is a duplicate" },
      type: { type: "string", enum: ["transaction", "batch", "message"] },
      entry: { type: "array", items: { type: "object" } },
    },
  },
  OperationOutcome: {
    type: "object",
    required: ["resourceType", "issue"],
    properties: {
      resourceType: { const: "OperationOutcome" },
      issue: { type: "array", minItems: 1, items: issue },
    },
  },
  FhirResponseBundle: {
    type: "object",
    required: ["resourceType", "type", "entry"],
    description: "One entry per request entry, in the same order",
    properties: {
      resourceType: { const: "Bundle" },
      type: { type: "string", enum: ["transaction-response", "batch-response"] },
      entry: {
        type: "array",
        items: {
          type: "object",
          required: ["response"],
          properties: {
            response: {
              type: "object",
              required: ["status"],
              properties: {
                status: {
                  type: "string",
                  description:
                    "201 Created (applied), 200 OK (duplicate or ignored); in a batch also 400, 403, 409 or 422",
                },
                outcome: ref("schemas", "OperationOutcome"),
              },
            },
          },
        },
      },
    },
  },
};
