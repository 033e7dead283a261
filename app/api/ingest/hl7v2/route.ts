import { declareRoute } from "@/lib/access/authorize";
import { getConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { authorizeIngest } from "@/lib/ingest/authorize-ingest";
import { type Hl7HttpResponse, hl7Refusal, ingestHl7 } from "@/lib/ingest/hl7/ingest-hl7";
import { readBodyWithLimit } from "@/lib/server/http/read-body";
import { toAppError } from "@/lib/server/http/to-app-error";
import { ingestContextFromApp } from "@/lib/server/ingest-context";

// Integration engines authenticate with an API key (authorizeIngest), never a session.
declareRoute("api-key");

export const dynamic = "force-dynamic";

const refusedTypes = /^(application\/(fhir\+)?json|multipart\/|application\/x-www-form-urlencoded)/i;

function reply(response: Hl7HttpResponse): Response {
  const headers = new Headers({
    "Content-Type": "x-application/hl7-v2+er7; charset=utf-8",
    "Cache-Control": "no-store",
  });
  if (response.retryAfterSeconds) headers.set("Retry-After", String(response.retryAfterSeconds));
  return new Response(response.body, { status: response.status, headers });
}

/** HL7 v2 (ER7) over HTTP: one message or an FHS/BHS batch; always answered with ACKs. */
export async function POST(request: Request) {
  try {
    const ctx = await ingestContextFromApp();
    const client = await authorizeIngest(ctx.db, request.headers);
    if (refusedTypes.test(request.headers.get("content-type") ?? "")) {
      throw new AppError("unsupported_media_type", "Send HL7 v2 as x-application/hl7-v2+er7 or text/plain");
    }
    const bytes = await readBodyWithLimit(request, getConfig().maxMessageBytes);
    return reply(await ingestHl7(ctx, client, bytes));
  } catch (error) {
    return reply(hl7Refusal(toAppError(error, "ingest.hl7"), new Date()));
  }
}
