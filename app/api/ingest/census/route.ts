import { declareRoute } from "@/lib/access/authorize";
import { ingestCensusJson } from "@/lib/ingest/census-json/ingest-census-json";
import { censusJsonProtocol } from "@/lib/server/http/ingest-protocols";
import { ingestRoute } from "@/lib/server/http/ingest-route";

// Integration engines authenticate with an API key (ingestRoute), never a session.
declareRoute("api-key");

export const dynamic = "force-dynamic";

/** Census events as JSON (see lib/ingest/census-json/census-json-schema.ts). */
export function POST(request: Request) {
  return ingestRoute(request, censusJsonProtocol, async ({ ingest, client, body }) =>
    Response.json(await ingestCensusJson(ingest, client, await body()), {
      headers: { "Cache-Control": "no-store" },
    }),
  );
}
