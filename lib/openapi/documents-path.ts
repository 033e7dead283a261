/**
 * PUT and GET /api/ingest/documents/{facility}/{mrn}/{documentId}
 * (app/api/ingest/documents/[facility]/[mrn]/[documentId]/route.ts). Metadata travels in headers
 * (lib/documents/document-metadata.ts): engines set headers on a PUT far more easily than they build
 * multipart bodies.
 */
import { acceptedDocumentTypes } from "@/lib/documents/document-metadata";
import { commonProblemResponses } from "./common-components";
import type { JsonSchema, Parameter, RouteDoc } from "./openapi-types";
import { ref } from "./openapi-types";
import { ingestSecurity } from "./security";

const segment: JsonSchema = { type: "string", pattern: "^[A-Za-z0-9._-]{1,128}$" };
const pathParam = (name: string, description: string, example: string): Parameter => ({
  name,
  in: "path",
  required: true,
  description,
  schema: segment,
  example,
});
const header = (name: string, description: string, schema: JsonSchema, example: string, required = true) => ({
  name,
  in: "header" as const,
  required,
  description,
  schema,
  example,
});

const binary: JsonSchema = { type: "string", format: "binary" };

const storedDocument: JsonSchema = {
  type: "object",
  required: ["id", "outcome", "bytes", "sha256"],
  properties: {
    id: { type: "string", format: "uuid", description: "Downtime's id for the document" },
    outcome: {
      type: "string",
      enum: ["created", "replaced", "unchanged", "older-ignored"],
      description:
        "created (201); replaced: a newer X-Produced-At replaced the stored version; unchanged: same " +
        "content and time; older-ignored: the stored version is newer, so this one was dropped",
    },
    bytes: { type: "integer", minimum: 1 },
    sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
  },
};

const stored = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("schemas", "StoredDocument") } },
});

export const documentsRoute: RouteDoc = {
  path: "/api/ingest/documents/{facility}/{mrn}/{documentId}",
  item: {
    parameters: [
      pathParam("facility", "Site code, within the API key's scope", "RXD01"),
      pathParam(
        "mrn",
        "The patient's MRN at that site (the patient must exist: send the ADT first)",
        "RXD0012345",
      ),
      pathParam(
        "documentId",
        "The sender's id for this document; a PUT to the same id replaces it",
        "MAR-V00098765",
      ),
    ],
    put: {
      operationId: "putDocument",
      summary: "Upload or replace a downtime document",
      tags: ["Documents"],
      security: ingestSecurity,
      description:
        "A PDF, HTML or plain-text document for a patient (and optionally one stay) that staff can open " +
        "while the EPR is down. A later X-Produced-At replaces the stored version; an earlier one is " +
        "ignored, so retries and out-of-order deliveries are safe.",
      parameters: [
        header(
          "X-Document-Title",
          "Title shown to staff; percent-encoded UTF-8 allowed",
          { type: "string", maxLength: 200 },
          "Medication administration record",
        ),
        header(
          "X-Document-Kind",
          "e.g. MAR, care-plan, observations, discharge-summary",
          { type: "string", pattern: "^[A-Za-z0-9 _-]{1,64}$" },
          "MAR",
        ),
        header(
          "X-Produced-At",
          "When the EPR produced it, ISO 8601 with an offset",
          { type: "string", format: "date-time" },
          "2026-11-20T06:00:00Z",
        ),
        header(
          "X-Visit-Number",
          "Optional: the stay it belongs to (PV1-19); must exist",
          { type: "string", maxLength: 64 },
          "V00098765",
          false,
        ),
        header(
          "Content-Digest",
          "Optional (RFC 9530): the SHA-256 of the body as sent; a mismatch is 400 and nothing is stored",
          { type: "string" },
          "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
          false,
        ),
      ],
      requestBody: {
        required: true,
        description:
          "The document bytes (not empty), stored exactly as sent or not at all: larger than " +
          "MAX_DOCUMENT_BYTES (declared or chunked) or ending before its Content-Length is 413. A PDF " +
          "must start with %PDF- and end with %%EOF; text must be UTF-8.",
        content: Object.fromEntries(acceptedDocumentTypes.map((type) => [type, { schema: binary }])),
      },
      responses: {
        "200": stored("Replaced, unchanged, or older and ignored (see outcome)."),
        "201": stored("Stored for the first time."),
        "400": ref("responses", "ProblemBadRequest"),
        "404": {
          ...ref("responses", "ProblemNotFound"),
          description:
            "No patient with this MRN at this facility yet, or no stay with X-Visit-Number. Send the ADT " +
            "first, then retry the upload.",
        },
        ...commonProblemResponses,
      },
    },
    get: {
      operationId: "getDocument",
      summary: "Read back an uploaded document",
      tags: ["Documents"],
      security: ingestSecurity,
      description:
        "For the integration team's checks. Answers the stored bytes with their Content-Type, an ETag " +
        "(the SHA-256) and a sandboxing Content-Security-Policy. Staff read documents in the app.",
      responses: {
        "200": {
          description: "The document as stored.",
          headers: {
            ETag: { description: "Quoted SHA-256 of the content", schema: { type: "string" } },
            "Content-Length": { schema: { type: "integer" } },
          },
          content: Object.fromEntries(acceptedDocumentTypes.map((type) => [type, { schema: binary }])),
        },
        "400": ref("responses", "ProblemBadRequest"),
        "404": ref("responses", "ProblemNotFound"),
        "401": ref("responses", "ProblemUnauthenticated"),
        "403": ref("responses", "ProblemForbidden"),
        "429": ref("responses", "ProblemRateLimited"),
        "500": ref("responses", "ProblemInternal"),
        "503": ref("responses", "ProblemUnavailable"),
      },
    },
  },
  components: { schemas: { StoredDocument: storedDocument } },
};
