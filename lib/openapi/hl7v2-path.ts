/**
 * POST /api/ingest/hl7v2 (app/api/ingest/hl7v2/route.ts, lib/ingest/hl7/ingest-hl7.ts). Every answer
 * is an ACK, whatever the status: engines read MSA-1, and the HTTP status decides whether they retry.
 */
import { retryAfterHeader } from "./common-components";
import { hl7AckExamples, hl7RequestExamples } from "./hl7v2-examples";
import { type MediaType, type ResponseObject, type RouteDoc, ref } from "./openapi-types";
import { ingestSecurity } from "./security";

export const hl7MediaType = "x-application/hl7-v2+er7";
const ackText = {
  type: "string",
  title: "HL7 v2 ACK (ER7 text)",
  description: "One ACK per message (ER7, CR terminated); wrapped in BHS/BTS for a batch",
} as const;

function ackResponse(description: string, examples: string[], retry = false): ResponseObject {
  const media: MediaType = {
    schema: ref("schemas", "Hl7Ack"),
    examples: Object.fromEntries(examples.map((name) => [name, ref("examples", name)])),
  };
  return { description, ...(retry ? { headers: retryAfterHeader } : {}), content: { [hl7MediaType]: media } };
}

const refused = (why: string) =>
  ackResponse(`${why} Answered with an AR ACK (MSA-2 empty: no message was read).`, ["ackUnauthenticated"]);

const requestMedia: MediaType = {
  schema: { type: "string", description: "One HL7 v2 message, or an FHS/BHS batch of them" },
  examples: { admitA01: ref("examples", "admitA01") },
};

export const hl7v2Route: RouteDoc = {
  path: "/api/ingest/hl7v2",
  item: {
    post: {
      operationId: "ingestHl7v2",
      summary: "Send HL7 v2 ADT messages",
      tags: ["HL7 v2"],
      security: ingestSecurity,
      description: [
        "One HL7 v2 message (ER7) per request, or a batch wrapped in FHS/BHS. Parsing is lenient " +
          "(CR, LF or CRLF, a BOM, custom delimiters from MSH-1/MSH-2, MSH-18 character sets); mapping is " +
          "strict. ADT triggers A01–A08, A11–A13, A21, A22, A28, A31, A34 and A40 change the census; other " +
          "ADT triggers are acknowledged AA with a note and stored nowhere; other message types are AR.",
        "Every message gets an original-mode ACK echoing its MSH-10 in MSA-2; a batch gets one ACK per " +
          "message inside BHS/BTS (and FHS/FTS when sent). **AA** applied, duplicate or ignored; **AR** " +
          "cannot apply as sent, ERR names the segment and field (do not retry); **AE** storage is down " +
          "(HTTP 503, retry after Retry-After).",
        "The same MSH-10 from the same key, MSH-3 and MSH-4 is applied once; resending is safe. Events " +
          "are ordered by event time (EVN-6, EVN-2, MSH-7), so delivery order does not matter.",
      ].join("\n\n"),
      requestBody: {
        required: true,
        description:
          "Any Content-Type except JSON, form or multipart bodies (refused with 415). Character set " +
          "from MSH-18; UTF-8 when absent.",
        content: {
          [hl7MediaType]: requestMedia,
          "application/hl7-v2": requestMedia,
          "text/plain": requestMedia,
        },
      },
      responses: {
        "200": ackResponse(
          "Every message was answered AA or AR (read MSA-1). Do not resend an AR unchanged.",
          ["ackAccepted", "ackDuplicate", "ackRejected"],
        ),
        "400": ackResponse("The body is not HL7 v2 at all (does not start with MSH, BHS or FHS). AR.", [
          "ackUnauthenticated",
        ]),
        "401": refused("No API key, a malformed one, or one not recognised."),
        "403": refused("The API key was revoked."),
        "413": refused("The body is larger than the message limit (5 MB by default)."),
        "415": refused("A JSON, form or multipart Content-Type."),
        "429": ackResponse(
          "This key's rate limit is used up. AE with Retry-After; nothing was read.",
          ["ackRateLimited"],
          true,
        ),
        "500": refused("An unexpected error before any message was read (logged)."),
        "503": ackResponse(
          "Storage is unavailable: AE for the message that failed and every later one in a batch " +
            "(none of them stored; earlier ones were applied and answered AA). Retry the whole request " +
            "after Retry-After: what was applied is recognised as a duplicate.",
          ["ackUnavailable"],
          true,
        ),
      },
    },
  },
  components: {
    schemas: { Hl7Ack: ackText },
    examples: { ...hl7RequestExamples, ...hl7AckExamples },
  },
};
