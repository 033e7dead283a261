/**
 * Components shared by the JSON routes: the RFC 9457 problem body (lib/server/http/problem.ts),
 * Retry-After, and the refusals every ingest route can answer before it reads the body.
 */
import type { Components, Header, JsonSchema, ResponseObject } from "./openapi-types";
import { ref } from "./openapi-types";

export const problemMediaType = "application/problem+json";

const problemSchema: JsonSchema = {
  type: "object",
  description: "RFC 9457 problem details. Messages name fields, never patient data.",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: {
      type: "string",
      format: "uri",
      description: "https://downtime.invalid/problems/<code>, one per error code",
      examples: ["https://downtime.invalid/problems/bad-request"],
    },
    title: { type: "string", examples: ["Bad request"] },
    status: { type: "integer", minimum: 400, maximum: 599 },
    detail: { type: "string", description: "What went wrong, readable by an integration analyst" },
    location: {
      type: "string",
      description:
        "Where in the request the problem is: a JSON pointer (/events/0/eventAt), a header name " +
        "(X-Produced-At) or a path segment",
    },
  },
  additionalProperties: true,
};

const retryAfter: Header = {
  description:
    "Seconds to wait before retrying (RFC 9110 §10.2.3). Always a whole number of seconds, at least 1.",
  required: true,
  schema: { type: "integer", minimum: 1 },
};

function problem(description: string, retry = false): ResponseObject {
  return {
    description,
    ...(retry ? { headers: { "Retry-After": ref("headers", "RetryAfter") } } : {}),
    content: { [problemMediaType]: { schema: ref("schemas", "Problem") } },
  };
}

/** Retry-After on a response, for the HL7 and FHIR routes that answer in their own body type. */
export const retryAfterHeader = { "Retry-After": ref("headers", "RetryAfter") };

export const commonComponents: Components = {
  schemas: { Problem: problemSchema },
  headers: { RetryAfter: retryAfter },
  responses: {
    ProblemBadRequest: problem("The request is malformed; `location` names the first bad field."),
    ProblemUnauthenticated: problem("No API key, a malformed one, or one not recognised."),
    ProblemForbidden: problem(
      "The API key was revoked, or it may not send for the facility the request names.",
    ),
    ProblemNotFound: problem("Nothing matches the path."),
    ProblemTooLarge: problem("The body is larger than this route accepts (see the limits in the overview)."),
    ProblemUnsupportedMediaType: problem("The Content-Type is not one this route accepts."),
    ProblemUnprocessable: problem(
      "Well-formed but cannot be applied (for example a facility not configured in Downtime). " +
        "Do not retry unchanged.",
    ),
    ProblemRateLimited: problem(
      "This API key's rate limit is used up. Retry after Retry-After seconds.",
      true,
    ),
    ProblemInternal: problem("An unexpected error. It is logged (without patient data); retry later."),
    ProblemUnavailable: problem(
      "The database or document store is unavailable. Nothing was stored; retry after Retry-After seconds.",
      true,
    ),
  },
};

/** The refusals any authenticated JSON route can give, keyed by status. */
export const commonProblemResponses = {
  "401": ref("responses", "ProblemUnauthenticated"),
  "403": ref("responses", "ProblemForbidden"),
  "413": ref("responses", "ProblemTooLarge"),
  "415": ref("responses", "ProblemUnsupportedMediaType"),
  "429": ref("responses", "ProblemRateLimited"),
  "500": ref("responses", "ProblemInternal"),
  "503": ref("responses", "ProblemUnavailable"),
};
