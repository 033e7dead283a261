import { type EntryInput, type MapEntriesOptions, mapEntries } from "./bundle-entries";
import { controlIdOf } from "./control-id";
import { parseFhirDateTime } from "./fhir-datetime";
import type { KnownPatientIds, KnownPatients } from "./known-patients";
import { mapMessageEntries } from "./message-bundle";
import { error, hasErrors, information, type OutcomeIssue } from "./operation-outcome";
import type { PatientIdentifierOptions } from "./patient-identifiers";
import type {
  FhirEntryResult,
  FhirRequestEntry,
  FhirRequestKind,
  FhirRequestMapping,
} from "./request-result";
import { bundleSchema, validate } from "./validate";

/**
 * One FHIR R4 request body (application/fhir+json, already JSON-parsed) -> census events per entry.
 *   Patient or Encounter on its own  kind "single", one entry (index 0)
 *   Bundle transaction               all or nothing (http.html#transaction): when any entry fails, every
 *                                    entry is reported as failed and `ok` is false
 *   Bundle batch                     entries succeed or fail on their own
 *   Bundle message                   message-bundle.ts; all or nothing like a transaction, since a
 *                                    message is one event
 *   any other Bundle type            refused at Bundle.type (collection, document, searchset, history
 *                                    and responses carry no instruction to apply anything)
 *   not FHIR (no resourceType)       refused with issue type "structure"
 * Entries whose resource type the census does not use are ignored with an informational issue. A
 * request that is valid but yields no event at all (only ignored or supporting resources) is
 * accepted and changes nothing, with a note saying so: like an HL7 v2 trigger the census does not
 * use, answered AA and stored nowhere (docs/adr/0001), so an engine does not resend it forever.
 */

export interface FhirRequestOptions extends PatientIdentifierOptions {
  /** The API client's facility, for resources that name none (see map-encounter.ts, person-event.ts). */
  defaultFacilityCode?: string;
  /** Time of receipt: the last resort for event times. The mapper never reads the clock. */
  now: Date;
  /** IANA zone for dates without a zone (default Europe/London). */
  timeZone?: string;
  /** Patients the census holds, for Encounters sent without their Patient (known-patients.ts). */
  knownPatients?: KnownPatients;
  /** Patient resource ids this sender sent before, for a subject "Patient/<id>" (known-patients.ts). */
  knownPatientIds?: KnownPatientIds;
}

const applicableBundleTypes = new Set(["transaction", "batch", "message"]);

export function mapFhirRequest(body: unknown, options: FhirRequestOptions): FhirRequestMapping {
  const controlId = controlIdOf(body);
  const refuse = (issues: OutcomeIssue[]): FhirRequestMapping => ({
    kind: "single",
    controlId,
    ok: false,
    entries: [],
    issues,
  });
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("resourceType" in body)) {
    return refuse([error("structure", "Not a FHIR resource: resourceType is missing")]);
  }
  const resource = body as Record<string, unknown>;
  if (typeof resource.resourceType !== "string") {
    return refuse([error("structure", "Not a FHIR resource: resourceType is not a string", "resourceType")]);
  }
  if (resource.resourceType !== "Bundle") {
    return finish("single", controlId, mapEntries([{ index: 0, resource }], options), []);
  }

  const bundle = validate(bundleSchema, body, "Bundle");
  if (!bundle.ok) return refuse(bundle.issues);
  const { type, entry = [], timestamp } = bundle.value;
  if (!applicableBundleTypes.has(type)) {
    return refuse([
      error("not-supported", "Bundle.type must be transaction, batch or message", "Bundle.type"),
    ]);
  }
  const kind = type as "transaction" | "batch" | "message";
  const inputs: EntryInput[] = entry.map((e, index) => ({
    index,
    fullUrl: e.fullUrl,
    method: e.request?.method,
    resource: e.resource,
  }));
  const entryOptions: MapEntriesOptions = {
    ...options,
    now: parseFhirDateTime(timestamp, options.timeZone) ?? options.now,
    entryPath: (index) => `Bundle.entry[${index}]`,
  };
  if (kind !== "message") return finish(kind, controlId, mapEntries(inputs, entryOptions), []);
  const message = mapMessageEntries(inputs, entryOptions);
  return finish(kind, controlId, message.entries, message.issues);
}

/** Applies the all-or-nothing and "nothing to apply" rules and decides `ok`. */
function finish(
  kind: FhirRequestKind,
  controlId: string,
  mapped: FhirRequestEntry[],
  requestIssues: OutcomeIssue[],
): FhirRequestMapping {
  const issues = [...requestIssues];
  if (mapped.length === 0 && !hasErrors(issues)) {
    issues.push(error("required", "Nothing to apply: the Bundle has no entries", "Bundle.entry"));
  }
  const hasRequestErrors = hasErrors(issues);
  let entries = mapped;
  const anyFailed = hasRequestErrors || entries.some((e) => !e.result.ok);
  if (kind !== "batch" && anyFailed) {
    const what = kind === "message" ? "message" : "transaction";
    const notApplied: FhirEntryResult = {
      ok: false,
      outcome: [information("processing", `Not applied: another entry of this ${what} failed`)],
    };
    entries = entries.map((e) => (e.result.ok ? { ...e, result: notApplied } : e));
  }
  const ok = !hasRequestErrors && (kind === "batch" || !anyFailed);
  const events = entries.reduce((n, e) => n + (e.result.ok ? e.result.events.length : 0), 0);
  if (ok && !anyFailed && events === 0) {
    issues.push(
      information("informational", "Nothing was applied: no resource in this request changes the census"),
    );
  }
  return { kind, controlId, ok, entries, issues };
}
