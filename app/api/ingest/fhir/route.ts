import { declareRoute } from "@/lib/access/authorize";
import { ingestFhir } from "@/lib/ingest/fhir/ingest-fhir";
import { fhirProtocol, fhirReply } from "@/lib/server/http/ingest-protocols";
import { ingestRoute } from "@/lib/server/http/ingest-route";

// Integration engines authenticate with an API key (ingestRoute), never a session.
declareRoute("api-key");

export const dynamic = "force-dynamic";

/** FHIR R4: Patient, Encounter, or a transaction/batch/message Bundle; errors as OperationOutcome. */
export function POST(request: Request) {
  return ingestRoute(request, fhirProtocol, async ({ ingest, client, body }) => {
    const response = await ingestFhir(ingest, client, await body());
    return fhirReply(response.status, response.body);
  });
}
