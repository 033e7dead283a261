/**
 * POST /api/ingest/census: census events as plain JSON, for engines that emit neither HL7 v2 nor
 * FHIR. The body is the event model of lib/adt/events.ts; answers are problem+json on error.
 */
import { censusRequestExamples, censusResponseExamples } from "./census-examples";
import { censusSchemas } from "./census-schemas";
import { commonProblemResponses, problemMediaType } from "./common-components";
import { type RouteDoc, ref } from "./openapi-types";
import { ingestSecurity } from "./security";

export const censusRoute: RouteDoc = {
  path: "/api/ingest/census",
  item: {
    post: {
      operationId: "ingestCensusJson",
      summary: "Send census events as JSON",
      tags: ["Census JSON"],
      security: ingestSecurity,
      description: [
        "One message of 1–100 events, applied in one transaction: all of them or none. `messageId` " +
          "should be unique per API key; the same id with the same content answers `duplicate` and " +
          "changes nothing, so resending after a timeout is safe. The same id with other content is " +
          "applied as a new message, with a note. Unknown fields are refused.",
        "Events are ordered by `eventAt`, then by arrival, so they may be sent in any order. The " +
          "`kind` values are the HL7 v2 ADT triggers by name: admit (A01), transfer (A02), " +
          "discharge (A03), register (A04), pre-admit (A05), outpatient-to-inpatient (A06), " +
          "inpatient-to-outpatient (A07), update (A08), cancel-admit (A11), cancel-transfer (A12), " +
          "cancel-discharge (A13), swap (A17: one event per patient), leave-out (A21), " +
          "leave-return (A22), person-add (A28), person-update (A31), merge (A40, with mergedFrom), " +
          "move-account (A44: the visits of movedFrom.mrn with movedFrom.accountNumber move to " +
          "this patient), move-visit (A45: this visit moves to this patient), change-identifier " +
          "(A47: mergedFrom.mrn becomes this patient's mrn).",
      ].join("\n\n"),
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: ref("schemas", "CensusMessage"),
            examples: { admitThenTransfer: ref("examples", "admitThenTransfer") },
          },
        },
      },
      responses: {
        "200": {
          description: "Applied, or a duplicate of a message already applied.",
          content: {
            "application/json": {
              schema: ref("schemas", "CensusResult"),
              examples: { applied: ref("examples", "applied"), duplicate: ref("examples", "duplicate") },
            },
          },
        },
        "400": {
          description:
            "Not valid JSON, or not this shape. `location` is the JSON pointer of the first bad field.",
          content: {
            [problemMediaType]: {
              schema: ref("schemas", "Problem"),
              examples: { invalidField: ref("examples", "invalidField") },
            },
          },
        },
        ...commonProblemResponses,
        "422": ref("responses", "ProblemUnprocessable"),
      },
    },
  },
  components: {
    schemas: censusSchemas,
    examples: { ...censusRequestExamples, ...censusResponseExamples },
  },
};
