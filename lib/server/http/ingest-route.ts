/**
 * The frame of every ingest route (the API-key twin of `staffRoute`): the ingest services from
 * the running app, who is sending (API key and rate, on the server, every request), the body type
 * the protocol accepts, then the handler; any error is answered once, in the protocol's own
 * language (HL7 ACK, FHIR OperationOutcome, JSON problem), with Retry-After where a retry helps.
 */
import "server-only";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { authorizeIngest } from "@/lib/api-clients/authorize-ingest";
import { auditIngestRefusal } from "@/lib/audit/refusal-audit";
import type { Database } from "@/lib/db/types";
import { type Config, getConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { getAppContext } from "@/lib/runtime/app-context";
import { ingestContextFor } from "@/lib/runtime/app-ingest-context";
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
    const { bodyType } = protocol;
    if (bodyType && !bodyType.accepts.test(request.headers.get("content-type") ?? "")) {
      throw new AppError("unsupported_media_type", bodyType.otherwise);
    }
    const config = getConfig();
    return await handle({
      ingest,
      client,
      config,
      body: (limitBytes = config.maxMessageBytes) => readBodyWithLimit(request, limitBytes),
    });
  } catch (error) {
    const refusal = toAppError(error, protocol.logName);
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
