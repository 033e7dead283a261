import { declareRoute } from "@/lib/access/authorize";
import { getConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { outcomeForError } from "@/lib/fhir/operation-outcome";
import { authorizeIngest } from "@/lib/ingest/authorize-ingest";
import { ingestFhir } from "@/lib/ingest/fhir/ingest-fhir";
import { readBodyWithLimit } from "@/lib/server/http/read-body";
import { toAppError } from "@/lib/server/http/to-app-error";
import { ingestContextFromApp } from "@/lib/server/ingest-context";

// Integration engines authenticate with an API key (authorizeIngest), never a session.
declareRoute("api-key");

export const dynamic = "force-dynamic";

function reply(status: number, body: unknown, retryAfterSeconds?: number): Response {
  const headers = new Headers({
    "Content-Type": "application/fhir+json; charset=utf-8",
    "Cache-Control": "no-store",
  });
  if (retryAfterSeconds) headers.set("Retry-After", String(retryAfterSeconds));
  return new Response(JSON.stringify(body), { status, headers });
}

/** FHIR R4: Patient, Encounter, or a transaction/batch/message Bundle; errors as OperationOutcome. */
export async function POST(request: Request) {
  try {
    const ctx = await ingestContextFromApp();
    const client = await authorizeIngest(ctx.db, request.headers);
    if (!/^application\/(fhir\+)?json\b/i.test(request.headers.get("content-type") ?? "")) {
      throw new AppError("unsupported_media_type", "Send application/fhir+json");
    }
    const response = await ingestFhir(
      ctx,
      client,
      await readBodyWithLimit(request, getConfig().maxMessageBytes),
    );
    return reply(response.status, response.body);
  } catch (thrown) {
    const appError = toAppError(thrown, "ingest.fhir");
    const { status, outcome } = outcomeForError(appError);
    return reply(
      status,
      outcome,
      appError.retryAfterSeconds ?? (appError.code === "unavailable" ? 30 : undefined),
    );
  }
}
