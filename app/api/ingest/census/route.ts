import { declareRoute } from "@/lib/access/authorize";
import { getConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { authorizeIngest } from "@/lib/ingest/authorize-ingest";
import { ingestCensusJson } from "@/lib/ingest/census-json/ingest-census-json";
import { problemResponse } from "@/lib/server/http/problem";
import { readBodyWithLimit } from "@/lib/server/http/read-body";
import { toAppError } from "@/lib/server/http/to-app-error";
import { ingestContextFromApp } from "@/lib/server/ingest-context";

// Integration engines authenticate with an API key (authorizeIngest), never a session.
declareRoute("api-key");

export const dynamic = "force-dynamic";

/** Census events as JSON (see lib/ingest/census-json/census-json-schema.ts). */
export async function POST(request: Request) {
  try {
    const ctx = await ingestContextFromApp();
    const client = await authorizeIngest(ctx.db, request.headers);
    if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
      throw new AppError("unsupported_media_type", "Send application/json");
    }
    const result = await ingestCensusJson(
      ctx,
      client,
      await readBodyWithLimit(request, getConfig().maxMessageBytes),
    );
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return problemResponse(toAppError(error, "ingest.census"));
  }
}
