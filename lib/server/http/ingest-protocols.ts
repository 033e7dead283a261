/**
 * How each ingest protocol answers over HTTP: its body type, its refusal (an error before or
 * instead of any processing) in its own language, and its reply. HL7 v2 senders always get an
 * ACK, FHIR senders an OperationOutcome, JSON senders a problem response (RFC 9457).
 */
import "server-only";
import type { AppError } from "@/lib/errors";
import { outcomeForError } from "@/lib/fhir/operation-outcome";
import { type Hl7HttpResponse, hl7Refusal } from "@/lib/ingest/hl7/ingest-hl7";
import { refusedMessageHeader } from "@/lib/ingest/hl7/refused-message-header";
import { problemResponse } from "./problem";
import { readBodyPrefix } from "./read-body-prefix";

/** Enough of a refused HL7 body for its first MSH (and any FHS/BHS before it). */
const HEADER_PREFIX_BYTES = 16 * 1024;

export interface IngestProtocol {
  /** Log event prefix for unexpected errors. */
  logName: string;
  /** The Content-Type the protocol takes, and the 415 refusal otherwise; none: any body type. */
  bodyType?: { accepts: RegExp; otherwise: string };
  /** `request` is the refused request, for a protocol whose refusal echoes what was sent. */
  refuse(error: AppError, request?: Request): Response | Promise<Response>;
  /**
   * Counted per API client for feed health by HTTP status (ingest-route.ts). HL7 v2 counts each
   * message of a batch itself (lib/ingest/hl7/ingest-hl7.ts); documents are not a feed.
   */
  feedProtocol?: "fhir" | "json";
}

function withRetryAfter(headers: Headers, retryAfterSeconds: number | undefined): Headers {
  if (retryAfterSeconds) headers.set("Retry-After", String(retryAfterSeconds));
  return headers;
}

export function hl7Reply(response: Hl7HttpResponse): Response {
  const headers = new Headers({
    "Content-Type": "x-application/hl7-v2+er7; charset=utf-8",
    "Cache-Control": "no-store",
  });
  return new Response(response.body, {
    status: response.status,
    headers: withRetryAfter(headers, response.retryAfterSeconds),
  });
}

export function fhirReply(status: number, body: unknown, retryAfterSeconds?: number): Response {
  const headers = new Headers({
    "Content-Type": "application/fhir+json; charset=utf-8",
    "Cache-Control": "no-store",
  });
  return new Response(JSON.stringify(body), { status, headers: withRetryAfter(headers, retryAfterSeconds) });
}

/** HL7 v2 (ER7): anything but the JSON, form and multipart types other routes take. */
export const hl7Protocol: IngestProtocol = {
  logName: "ingest.hl7",
  bodyType: {
    accepts: /^(?!application\/(fhir\+)?json|multipart\/|application\/x-www-form-urlencoded)/i,
    otherwise: "Send HL7 v2 as x-application/hl7-v2+er7 or text/plain",
  },
  refuse: async (error, request) => {
    // Only a body nobody read yet (refused before the handler): its MSH-10 goes back in MSA-2.
    const prefix = request ? await readBodyPrefix(request, HEADER_PREFIX_BYTES) : new Uint8Array();
    return hl7Reply(hl7Refusal(error, new Date(), refusedMessageHeader(prefix)));
  },
};

export const fhirProtocol: IngestProtocol = {
  logName: "ingest.fhir",
  feedProtocol: "fhir",
  bodyType: { accepts: /^application\/(fhir\+)?json\b/i, otherwise: "Send application/fhir+json" },
  refuse: (error) => {
    const { status, outcome } = outcomeForError(error);
    return fhirReply(status, outcome, error.retryAfter);
  },
};

export const censusJsonProtocol: IngestProtocol = {
  logName: "ingest.census",
  feedProtocol: "json",
  bodyType: { accepts: /^application\/json\b/i, otherwise: "Send application/json" },
  refuse: (error) => problemResponse(error),
};

/** Documents: any body type (the metadata headers name it); errors as JSON problems. */
export const documentProtocol: IngestProtocol = {
  logName: "ingest.document",
  refuse: (error) => problemResponse(error),
};
