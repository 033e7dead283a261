/**
 * The frame of every ingest route (the API-key twin of `staffRoute`): the ingest services from
 * the running app, who is sending (API key and rate, on the server, every request), the body type
 * the protocol accepts, then the handler; any error is answered once, in the protocol's own
 * language (HL7 ACK, FHIR OperationOutcome, JSON problem), with Retry-After where a retry helps.
 */
import "server-only";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { authorizeIngest } from "@/lib/api-clients/authorize-ingest";
import { noteApiClientUsed } from "@/lib/api-clients/last-used";
import { auditIngestRefusal } from "@/lib/audit/refusal-audit";
import type { Database } from "@/lib/db/types";
import { type Config, getConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientFeedSource } from "@/lib/ingest/feed-health/feed-source";
import { type FeedOutcome, recordFeedAnswersSafely } from "@/lib/ingest/feed-health/record-feed-answers";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { getAppContext } from "@/lib/runtime/app-context";
import { ingestContextFor } from "@/lib/runtime/app-ingest-context";
import { noteCensusWrite } from "@/lib/sync/change-token-cache";
import { toAppError } from "@/lib/to-app-error";
import type { IngestProtocol } from "./ingest-protocols";
import { readBodyWithLimit } from "./read-body";
import { requestFacts } from "./request-facts";

export interface IngestRouteContext {
  ingest: IngestContext;
  client: ApiClient;
  config: Config;
  /** The request body, refused with 413 past `limitBytes` (default: MAX_MESSAGE_BYTES). */
  body(limitBytes?: number): Promise<Uint8Array>;
}

/** An HTTP answer as feed health counts it: 2xx AA, 503 unavailable, 429 and 5xx AE, other 4xx AR. */
function outcomeOf(status: number): FeedOutcome {
  if (status < 400) return "AA";
  if (status === 503) return "unavailable";
  if (status === 429 || status >= 500) return "AE";
  return "AR";
}

async function countAnswer(
  db: Database,
  protocol: IngestProtocol,
  client: ApiClient,
  status: number,
  error?: AppError,
): Promise<void> {
  if (!protocol.feedProtocol) return;
  const outcome = outcomeOf(status);
  await recordFeedAnswersSafely(db, [
    {
      ref: clientFeedSource(client.id, protocol.feedProtocol),
      at: new Date(),
      outcome,
      // The route's own refusal text (field paths and rules); a handler's answer by its status.
      reason: outcome === "AA" ? undefined : error ? `HTTP ${status}: ${error.message}` : `HTTP ${status}`,
    },
  ]);
}

export async function ingestRoute(
  request: Request,
  protocol: IngestProtocol,
  handle: (ctx: IngestRouteContext) => Promise<Response>,
): Promise<Response> {
  let db: Database | undefined;
  let client: ApiClient | undefined;
  try {
    const ingest = ingestContextFor(await getAppContext());
    db = ingest.db;
    client = await authorizeIngest(ingest.db, request.headers);
    await noteApiClientUsed(ingest.db, client.id);
    const { bodyType } = protocol;
    if (bodyType && !bodyType.accepts.test(request.headers.get("content-type") ?? "")) {
      throw new AppError("unsupported_media_type", bodyType.otherwise);
    }
    const config = getConfig();
    let response: Response;
    try {
      response = await handle({
        ingest,
        client,
        config,
        body: (limitBytes = config.maxMessageBytes) => readBodyWithLimit(request, limitBytes),
      });
    } finally {
      // Whatever the answer (a batch may have applied some messages), open screens polling this
      // process read the census afresh (lib/sync/change-token-cache.ts).
      if (request.method !== "GET") noteCensusWrite();
    }
    await countAnswer(ingest.db, protocol, client, response.status);
    return response;
  } catch (error) {
    const refusal = toAppError(error, protocol.logName);
    if (db && client) await countAnswer(db, protocol, client, refusal.status, refusal);
    // A bad, revoked or out-of-scope key leaves a trace (rate-limited; other errors are not refusals).
    if (db) {
      await auditIngestRefusal(db, {
        headers: request.headers,
        route: new URL(request.url).pathname,
        method: request.method,
        ip: requestFacts(request.headers).ip,
        error: refusal,
        clientId: client?.id ?? null,
      });
    }
    return await protocol.refuse(refusal, request);
  }
}
