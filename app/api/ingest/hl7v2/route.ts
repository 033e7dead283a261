import { declareRoute } from "@/lib/access/authorize";
import { ingestHl7 } from "@/lib/ingest/hl7/ingest-hl7";
import { hl7Protocol, hl7Reply } from "@/lib/server/http/ingest-protocols";
import { ingestRoute } from "@/lib/server/http/ingest-route";

// Integration engines authenticate with an API key (ingestRoute), never a session.
declareRoute("api-key");

export const dynamic = "force-dynamic";

/** HL7 v2 (ER7) over HTTP: one message or an FHS/BHS batch; always answered with ACKs. */
export function POST(request: Request) {
  return ingestRoute(request, hl7Protocol, async ({ ingest, client, body }) =>
    hl7Reply(await ingestHl7(ingest, client, await body())),
  );
}
