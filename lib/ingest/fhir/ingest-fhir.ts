/**
 * FHIR R4 ingest: a Patient, an Encounter, or a transaction / batch / message Bundle, mapped to
 * census events (lib/fhir) and applied. Transactions and messages are all-or-nothing: one
 * transaction for all their events. Batch entries are applied one by one, each its own message
 * for idempotency (Bundle id + entry index). Storage outages propagate (503 for the whole request)
 * so the sender retries; already-applied batch entries are then duplicates and change nothing.
 */
import "server-only";
import type { AdtEvent } from "@/lib/adt/events";
import { type ApiClient, assertFacilityAllowed } from "@/lib/api-clients/api-clients";
import { type ApplyResult, applyMessage } from "@/lib/census/apply-message";
import { jsonContentHash } from "@/lib/content-hash";
import { isAppError } from "@/lib/errors";
import { type EntryApplied, type FhirResponse, fhirResponse } from "@/lib/fhir/fhir-response";
import { mapFhirRequest } from "@/lib/fhir/map-bundle";
import { error, operationOutcome, outcomeForError } from "@/lib/fhir/operation-outcome";
import { applicableEvents } from "@/lib/fhir/request-result";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { log } from "@/lib/log";

function apply(
  ctx: IngestContext,
  client: ApiClient,
  controlId: string,
  events: AdtEvent[],
  contentHash?: string,
): Promise<ApplyResult> {
  for (const event of events) assertFacilityAllowed(client, event.facilityCode);
  return applyMessage(
    ctx.db,
    { source: `${client.id}|fhir`, controlId, protocol: "fhir", events, contentHash },
    { tombstoneKey: ctx.tombstoneKey },
  );
}

const appliedAs = (result: ApplyResult): EntryApplied => ({
  status: result.status === "applied" ? "created" : "updated",
});

export async function ingestFhir(
  ctx: IngestContext,
  client: ApiClient,
  bytes: Uint8Array,
): Promise<FhirResponse> {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { status: 400, body: operationOutcome([error("structure", "The body is not valid UTF-8 JSON")]) };
  }
  const mapping = mapFhirRequest(body, {
    defaultFacilityCode: client.facilityCodes.length === 1 ? client.facilityCodes[0] : undefined,
    now: ctx.now(),
    timeZone: ctx.timeZone,
  });

  if (mapping.kind === "batch") {
    const applied = new Map<number, EntryApplied>();
    for (const entry of mapping.entries) {
      if (!entry.result.ok || entry.result.events.length === 0) continue;
      try {
        applied.set(
          entry.index,
          appliedAs(await apply(ctx, client, `${mapping.controlId}#${entry.index}`, entry.result.events)),
        );
      } catch (thrown) {
        if (isAppError(thrown) && thrown.code === "unavailable") throw thrown;
        const { status, outcome } = outcomeForError(thrown);
        const httpStatus = ([400, 403, 409, 422, 503] as const).find((s) => s === status) ?? 422;
        applied.set(entry.index, { status: "failed", issues: outcome.issue, httpStatus });
      }
    }
    return fhirResponse(mapping, applied);
  }

  if (!mapping.ok) return fhirResponse(mapping);
  const result = await apply(
    ctx,
    client,
    mapping.controlId,
    applicableEvents(mapping),
    jsonContentHash(body),
  );
  log.info("ingest.fhir.applied", {
    kind: mapping.kind,
    status: result.status,
    entries: mapping.entries.length,
  });
  return fhirResponse(mapping, new Map(mapping.entries.map((entry) => [entry.index, appliedAs(result)])));
}
