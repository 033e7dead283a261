/**
 * POST /api/ingest/fhir: FHIR R4 Patient, Encounter and transaction/batch/message Bundles. Errors
 * are OperationOutcome (each protocol answers in its own language: docs/design.md section 4).
 */
import { retryAfterHeader } from "./common-components";
import { fhirRequestExamples, fhirResponseExamples } from "./fhir-examples";
import { fhirSchemas } from "./fhir-schemas";
import { type ResponseObject, type RouteDoc, ref } from "./openapi-types";
import { ingestSecurity } from "./security";

export const fhirMediaType = "application/fhir+json";

function outcome(description: string, options: { example?: string; retry?: boolean } = {}): ResponseObject {
  return {
    description,
    ...(options.retry ? { headers: retryAfterHeader } : {}),
    content: {
      [fhirMediaType]: {
        schema: ref("schemas", "OperationOutcome"),
        ...(options.example ? { examples: { [options.example]: ref("examples", options.example) } } : {}),
      },
    },
  };
}

export const fhirRoute: RouteDoc = {
  path: "/api/ingest/fhir",
  item: {
    post: {
      operationId: "ingestFhir",
      summary: "Send FHIR R4 Patient, Encounter or Bundle",
      tags: ["FHIR R4"],
      security: ingestSecurity,
      description: [
        "A Patient, an Encounter, or a Bundle of type **transaction** (all or nothing), **batch** " +
          "(each entry applied or refused on its own) or **message** (MessageHeader first; its " +
          "eventCoding, an HL7 v2 trigger such as A02, takes precedence over Encounter.status).",
        "Encounter.status gives the census event: planned → pre-admit; arrived, triaged, in-progress → " +
          "admit for inpatient classes (IMP) or register (AMB, EMER), or transfer when location[] holds a " +
          "completed and an active entry; onleave → leave-out; finished → discharge; cancelled, " +
          "entered-in-error → cancel-admit; unknown is refused.",
        "Idempotency, per API key: a Bundle is identified by Bundle.id (then MessageHeader.id, then " +
          "Bundle.identifier), a single resource by id + meta.versionId (else meta.lastUpdated); the same " +
          "delivery again changes nothing. Resource types the census does not use are ignored and stored " +
          "nowhere: their entries answer 200 OK with an informational issue, and a request with nothing " +
          "to apply answers 200 with an informational OperationOutcome.",
        "Patient identity is (Identifier.system, value): the same value in two systems is two patients. " +
          "An identifier from one of the API key's MRN authorities is the MRN as HL7 v2 PID-3 files it; " +
          "any other is kept qualified by its system. An Encounter may come alone when its subject names " +
          "a patient already known by identifier (subject.identifier, or Patient?identifier=system|value) " +
          "or by the id of a Patient this key sent before (Patient/<id>); " +
          "an unknown one is 422.",
      ].join("\n\n"),
      requestBody: {
        required: true,
        description: "application/json is accepted as a synonym; anything else is refused with 415.",
        content: {
          [fhirMediaType]: {
            schema: ref("schemas", "FhirRequest"),
            examples: { transactionAdmit: ref("examples", "transactionAdmit") },
          },
          "application/json": { schema: ref("schemas", "FhirRequest") },
        },
      },
      responses: {
        "200": {
          description:
            "Applied (or a duplicate). A transaction is answered with a transaction-response Bundle and a " +
            "batch with a batch-response Bundle, one entry per request entry: 201 Created when applied, 200 " +
            "OK when a duplicate or ignored (never 201 for what changed nothing), and in a batch 400 (refused) " +
            "or 403/409/422 (could not be applied) with an " +
            "outcome. A single Patient or Encounter, or a message Bundle, is answered with an OperationOutcome.",
          content: {
            [fhirMediaType]: {
              schema: { oneOf: [ref("schemas", "FhirResponseBundle"), ref("schemas", "OperationOutcome")] },
              examples: { transactionResponse: ref("examples", "transactionResponse") },
            },
          },
        },
        "400": outcome(
          "Not UTF-8 JSON, not FHIR, or refused by the mapping; issue.expression names each element. A " +
            "transaction or message with one bad entry is refused as a whole, in one OperationOutcome.",
          { example: "invalidNhsNumber" },
        ),
        "401": outcome("No API key, a malformed one, or one not recognised (issue code login)."),
        "403": outcome("The key was revoked, or may not send for this facility (issue code forbidden)."),
        "413": outcome("The body is larger than the message limit (issue code too-long)."),
        "415": outcome("Content-Type is not application/fhir+json (issue code not-supported)."),
        "422": outcome("Valid FHIR that cannot be applied, e.g. a facility not configured (business-rule)."),
        "429": outcome("This key's rate limit is used up (issue code throttled).", { retry: true }),
        "500": outcome("An unexpected error (issue code exception); logged without patient data."),
        "503": outcome("Storage unavailable; nothing stored (issue code transient).", {
          example: "transient",
          retry: true,
        }),
      },
    },
  },
  components: {
    schemas: fhirSchemas,
    examples: { ...fhirRequestExamples, ...fhirResponseExamples },
  },
};
