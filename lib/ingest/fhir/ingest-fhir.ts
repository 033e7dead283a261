/**
 * FHIR R4 ingest: a Patient, an Encounter, or a transaction / batch / message Bundle, mapped to
 * census events (lib/fhir) and applied. Transactions and messages are all-or-nothing: one
 * transaction for all their events. Batch entries are applied one by one, each its own message
 * for idempotency (Bundle id + entry index). Storage outages propagate (503 for the whole request)
 * so the sender retries; already-applied batch entries are then duplicates and change nothing.
 *
 * Patient identity follows the API client's MRN authorities (lib/fhir/patient-mrn.ts). An Encounter
 * sent without its Patient names it by identifier; the mapper says which patients it could not find,
 * they are read from the census, and the request is mapped again with them. A request that changes
 * nothing (only ignored resource types) is answered 200 and recorded nowhere. The Patient resource ids
 * applied are remembered per sender (lib/census/fhir-patient-refs.ts), so a later Encounter whose
 * subject is only "Patient/<id>" finds its patient too.
 */
import "server-only";
import type { AdtEvent, PatientRecord } from "@/lib/adt/events";
import { type ApiClient, assertFacilityAllowed } from "@/lib/api-clients/api-clients";
import { type ApplyResult, applyMessage, maxEventsPerMessage } from "@/lib/census/apply-message";
import { findPatientRefs, recordPatientRefs } from "@/lib/census/fhir-patient-refs";
import { findPatientRecord } from "@/lib/census/patient-store";
import { jsonContentHash } from "@/lib/content-hash";
import { type EntryApplied, type FhirResponse, fhirResponse } from "@/lib/fhir/fhir-response";
import { type KnownPatientKey, knownPatientIdsOf, knownPatientsOf } from "@/lib/fhir/known-patients";
import { type FhirRequestOptions, mapFhirRequest } from "@/lib/fhir/map-bundle";
import { error, operationOutcome, outcomeForError } from "@/lib/fhir/operation-outcome";
import {
  applicableEvents,
  type FhirRequestMapping,
  unknownPatientIds,
  unknownPatients,
} from "@/lib/fhir/request-result";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { containsNulCharacter, exceedsJsonDepth } from "@/lib/json-depth";
import { log } from "@/lib/log";
import { toAppError } from "@/lib/to-app-error";

const sourceOf = (client: ApiClient) => `${client.id}|fhir`;

async function apply(
  ctx: IngestContext,
  client: ApiClient,
  controlId: string,
  events: AdtEvent[],
  contentHash?: string,
): Promise<ApplyResult> {
  for (const event of events) assertFacilityAllowed(client, event.facilityCode);
  const refs = events.flatMap((event) =>
    event.patientResourceId
      ? [{ resourceId: event.patientResourceId, facilityCode: event.facilityCode, mrn: event.patient.mrn }]
      : [],
  );
  const result = await applyMessage(
    ctx.db,
    { source: sourceOf(client), controlId, protocol: "fhir", events, contentHash },
    { tombstoneKey: ctx.tombstoneKey, alongside: (tx) => recordPatientRefs(tx, sourceOf(client), refs) },
  );
  return result;
}

/**
 * Maps the request, and again with the patients it names but does not carry when the census holds
 * them. Only the client's own facilities are read, so a refusal never tells whether another site
 * holds a patient.
 */
async function mapWithKnownPatients(
  ctx: IngestContext,
  client: ApiClient,
  body: unknown,
  options: FhirRequestOptions,
): Promise<FhirRequestMapping> {
  const mapping = mapFhirRequest(body, options);
  const inScope = (facilityCode: string) => client.facilityCodes.includes(facilityCode);
  // A subject "Patient/<id>": the MRN that id was last filed under, looked up at the Encounter's site.
  const byId = unknownPatientIds(mapping).filter((key) => inScope(key.facilityCode));
  const refs = await findPatientRefs(
    ctx.db,
    sourceOf(client),
    byId.map((key) => key.resourceId),
  );
  const ids: [string, KnownPatientKey][] = byId.flatMap((key) => {
    const ref = refs.get(key.resourceId);
    return ref
      ? [[key.resourceId, { facilityCode: key.facilityCode, mrn: ref.mrn }] as [string, KnownPatientKey]]
      : [];
  });
  const wanted = [
    ...unknownPatients(mapping).filter((key) => inScope(key.facilityCode)),
    ...ids.map(([, key]) => key),
  ];
  const found: [KnownPatientKey, PatientRecord][] = [];
  for (const key of wanted) {
    const record = await findPatientRecord(ctx.db, key.facilityCode, key.mrn);
    if (record) found.push([key, record]);
  }
  return found.length > 0
    ? mapFhirRequest(body, {
        ...options,
        knownPatients: knownPatientsOf(found),
        knownPatientIds: knownPatientIdsOf(ids),
      })
    : mapping;
}

const appliedAs = (result: ApplyResult): EntryApplied => ({
  status: result.status === "applied" ? "created" : "updated",
});

/** Far deeper than any R4 resource or Bundle nests; a body past it is refused, not walked (json-depth.ts). */
const MAX_JSON_DEPTH = 64;

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
  if (exceedsJsonDepth(body, MAX_JSON_DEPTH)) {
    return {
      status: 400,
      body: operationOutcome([error("structure", `The body nests deeper than ${MAX_JSON_DEPTH} levels`)]),
    };
  }
  if (containsNulCharacter(body)) {
    return {
      status: 400,
      body: operationOutcome([
        error("invalid", "The body holds a NUL character (\\u0000), which no FHIR string may"),
      ]),
    };
  }
  const mapping = await mapWithKnownPatients(ctx, client, body, {
    defaultFacilityCode: client.facilityCodes.length === 1 ? client.facilityCodes[0] : undefined,
    now: ctx.now(),
    timeZone: ctx.timeZone,
    mrnSystems: client.mrnAuthorities,
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
        // An outage fails the whole batch with 503 (the sender resends it; applied entries are then
        // duplicates); any other failure is this entry's alone. Another bundle's AppError copy is
        // rebuilt as ours first, so the OperationOutcome keeps its code.
        // No control id in the log: a FHIR one can be a Patient id, and PDS uses the NHS number.
        const failure = toAppError(thrown, "ingest.fhir", { entry: String(entry.index) });
        if (failure.code === "unavailable") throw failure;
        const { status, outcome } = outcomeForError(failure);
        const httpStatus = ([400, 403, 409, 422, 503] as const).find((s) => s === status) ?? 422;
        applied.set(entry.index, { status: "failed", issues: outcome.issue, httpStatus });
      }
    }
    return fhirResponse(mapping, applied);
  }

  if (!mapping.ok) return fhirResponse(mapping);
  const events = applicableEvents(mapping);
  if (events.length === 0) {
    log.info("ingest.fhir.nothing_applied", { kind: mapping.kind, entries: mapping.entries.length });
    return fhirResponse(mapping);
  }
  if (events.length > maxEventsPerMessage) {
    const advice =
      mapping.kind === "transaction"
        ? "send it as a batch Bundle (each entry is applied on its own) or as several transactions"
        : "send it as several requests";
    return {
      status: 422,
      body: operationOutcome([
        error(
          "too-costly",
          `This ${mapping.kind} carries ${events.length} census events; one all-or-nothing request may carry at most ${maxEventsPerMessage}: ${advice}`,
        ),
      ]),
    };
  }
  const result = await apply(ctx, client, mapping.controlId, events, jsonContentHash(body));
  log.info("ingest.fhir.applied", {
    kind: mapping.kind,
    status: result.status,
    entries: mapping.entries.length,
  });
  return fhirResponse(mapping, new Map(mapping.entries.map((entry) => [entry.index, appliedAs(result)])));
}
