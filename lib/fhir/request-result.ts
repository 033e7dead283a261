import type { AdtEvent } from "@/lib/adt/events";
import { distinctKeys, type KnownPatientKey } from "./known-patients";
import type { UnknownPatient } from "./map-encounter";
import type { OutcomeIssue } from "./operation-outcome";

/**
 * What mapping one FHIR request gives the route handler (see map-bundle.ts).
 *
 * Beyond the shape first sketched for this module, an applicable entry also carries `issues`
 * (warnings and notes such as "resource type ignored"), the request carries `ok` (may anything be
 * applied?) and request-level `issues` (a body that is not FHIR, a refused Bundle type), and each
 * entry keeps its Bundle.entry.request.method for the response status.
 */

export type FhirRequestKind = "transaction" | "batch" | "message" | "single";

export type FhirEntryResult =
  | {
      ok: true;
      /** Empty for a resource used only to resolve references, or ignored. */
      events: AdtEvent[];
      issues: OutcomeIssue[];
      /** The entry whose event carries this resource (a subject Patient, its allergies and alerts). */
      foldedInto?: number;
    }
  | {
      ok: false;
      outcome: OutcomeIssue[];
      /** Refused only because this patient is not known yet: answered 422, not 400. */
      unknownPatient?: UnknownPatient;
    };

export interface FhirRequestEntry {
  /** Bundle.entry index; 0 for a resource posted on its own. */
  index: number;
  /** Bundle.entry.request.method (transaction and batch). */
  method?: string;
  result: FhirEntryResult;
}

export interface FhirRequestMapping {
  /** "single" also covers bodies refused before their type was known (not FHIR, unsupported Bundle type). */
  kind: FhirRequestKind;
  /**
   * The delivery's identity for idempotency (control-id.ts): Bundle.id, a message's MessageHeader.id,
   * Bundle.identifier, a resource's "Type/id/_history/versionId", else a hash of the content.
   */
  controlId: string;
  /**
   * True when the events of the ok entries may be applied (there may be none: a request of ignored
   * resources is accepted and changes nothing). A transaction or message is all or nothing: one
   * failing entry makes it false and turns every other entry into a failure too.
   */
  ok: boolean;
  entries: FhirRequestEntry[];
  /** Problems with the request as a whole (no entry to pin them on). */
  issues: OutcomeIssue[];
}

/** Every event that may be applied, in entry order; empty when the request is not ok. */
export function applicableEvents(mapping: FhirRequestMapping): AdtEvent[] {
  if (!mapping.ok) return [];
  return mapping.entries.flatMap((entry) => (entry.result.ok ? entry.result.events : []));
}

/** Every issue of the request, for an OperationOutcome or a log line (no patient data by design). */
export function allIssues(mapping: FhirRequestMapping): OutcomeIssue[] {
  return [
    ...mapping.issues,
    ...mapping.entries.flatMap((e) => (e.result.ok ? e.result.issues : e.result.outcome)),
  ];
}

const refusedFor = (mapping: FhirRequestMapping): UnknownPatient[] =>
  mapping.entries.flatMap((entry) =>
    !entry.result.ok && entry.result.unknownPatient ? [entry.result.unknownPatient] : [],
  );

/** The patients (by MRN) that entries were refused for because they are not known: what to look up. */
export function unknownPatients(mapping: FhirRequestMapping): KnownPatientKey[] {
  return distinctKeys(refusedFor(mapping).filter((key): key is KnownPatientKey => "mrn" in key));
}

/** The sender's Patient resource ids that entries named and that are not known yet. */
export function unknownPatientIds(
  mapping: FhirRequestMapping,
): { facilityCode: string; resourceId: string }[] {
  const byId = new Map<string, { facilityCode: string; resourceId: string }>();
  for (const key of refusedFor(mapping)) if ("resourceId" in key) byId.set(JSON.stringify(key), key);
  return [...byId.values()];
}
