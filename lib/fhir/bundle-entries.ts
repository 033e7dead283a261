import { type AdtEvent, type PatientRecord, stayEventKinds } from "@/lib/adt/events";
import type { KnownPatientIds, KnownPatients } from "./known-patients";
import { type EncounterMapResult, mapEncounter } from "./map-encounter";
import { mapPatient } from "./map-patient";
import type { MessageEvent } from "./message-event";
import {
  error,
  hasErrors,
  information,
  type MapResult,
  type OutcomeIssue,
  rebaseIssues,
  refused,
} from "./operation-outcome";
import { collectExtras } from "./patient-extras";
import type { PatientIdentifierOptions } from "./patient-identifiers";
import { personEvent } from "./person-event";
import { type IndexedResource, indexResource, ResourceIndex } from "./references";
import type { FhirEntryResult, FhirRequestEntry } from "./request-result";
import { encounterSchema, type FhirPatient, patientSchema, validate } from "./validate";

/**
 * Maps the resources of one request (a Bundle's entries, or one resource) to per-entry results:
 *   Encounter                      -> its event, carrying its subject Patient (map-encounter.ts): the
 *                                     one in the request, else one the census holds (`knownPatients`)
 *   Patient                        -> folded into the events of Encounters that refer to it; a Patient
 *                                     no Encounter refers to is a person event (person-event.ts)
 *   AllergyIntolerance, Flag       -> allergies and alerts of the Patient they point at in the request;
 *                                     ignored with a warning when that Patient is not in it
 *   Location, Organization,
 *   Practitioner(Role), MessageHeader  used to resolve references; no event of their own
 *   any other resource type        -> ignored with an informational issue naming the type: stored
 *                                     nowhere, like an HL7 v2 trigger the census has no use for
 *   no resource, or a method other than POST/PUT (GET, DELETE, PATCH) -> refused: the census is
 *   read-only towards its senders and applies snapshots only.
 * A resource folded into another entry's event says which (`foldedInto`), so its response reports
 * what happened to that event.
 */

export interface EntryInput {
  index: number;
  fullUrl?: string;
  method?: string;
  resource?: Record<string, unknown>;
}

export interface MapEntriesOptions extends PatientIdentifierOptions {
  /** Fallback event time: Bundle.timestamp when sent, else the time of receipt. */
  now: Date;
  timeZone?: string;
  defaultFacilityCode?: string;
  /** "Bundle.entry[i]" for bundles; absent for a resource on its own (expressions keep its type). */
  entryPath?: (index: number) => string;
  /** A message's event, and its focus entries (absent: every entry is a focus). */
  event?: MessageEvent;
  focus?: ReadonlySet<number>;
  /** Patients the census holds, for Encounters sent without their Patient (absent: none). */
  knownPatients?: KnownPatients;
  /** Patient resource ids this sender sent before, for a subject "Patient/<id>" (absent: none). */
  knownPatientIds?: KnownPatientIds;
}

const supportingTypes = new Set([
  "Location",
  "Organization",
  "Practitioner",
  "PractitionerRole",
  "MessageHeader",
]);
const appliedMethods = new Set(["POST", "PUT"]);
const messages = {
  method: "Only POST or PUT of a resource is accepted: the census applies snapshots",
  personEvent: "The message event is about a person: its focus must be a Patient",
  stayEvent: "The message event concerns a stay: its focus must be an Encounter",
};

/** Names the type only when it looks like one (a FHIR type name), so no free text is echoed. */
function ignoredIssue(resourceType: string): OutcomeIssue {
  const named = /^[A-Z][A-Za-z]{1,63}$/.test(resourceType) ? resourceType : undefined;
  const what = named ?? "this resource type";
  return information(
    "informational",
    `Ignored: ${what} is not used by the census; nothing was stored`,
    named ?? "Resource",
  );
}

export function mapEntries(inputs: readonly EntryInput[], options: MapEntriesOptions): FhirRequestEntry[] {
  const indexed = inputs.flatMap((input) =>
    input.resource ? [indexResource(input.index, input.resource, input.fullUrl)] : [],
  );
  const index = new ResourceIndex(indexed);
  const results = new Map<number, FhirEntryResult>();
  const rebase = (i: number, issues: OutcomeIssue[]) =>
    options.entryPath ? rebaseIssues(issues, `${options.entryPath(i)}.resource`) : issues;
  const fail = (i: number, issues: OutcomeIssue[]) =>
    results.set(i, { ok: false, outcome: rebase(i, issues) });
  const pass = (i: number, events: AdtEvent[], issues: OutcomeIssue[] = [], foldedInto?: number) =>
    results.set(i, {
      ok: true,
      events,
      issues: rebase(i, issues),
      ...(foldedInto === undefined ? {} : { foldedInto }),
    });
  const isFocus = (i: number) => !options.focus || options.focus.has(i);

  for (const input of inputs) {
    const where = options.entryPath?.(input.index) ?? "Bundle.entry";
    const method = input.method?.toUpperCase();
    if (input.resource && (!method || appliedMethods.has(method))) continue;
    const path = method ? `${where}.request.method` : `${where}.resource`;
    results.set(input.index, { ok: false, outcome: [error("not-supported", messages.method, path)] });
  }
  for (const entry of indexed) {
    if (!results.has(entry.index) && !entry.resourceType)
      fail(entry.index, [error("structure", "resourceType is missing", "Resource.resourceType")]);
  }

  const live = indexed.filter((entry) => !results.has(entry.index));
  const extras = collectExtras(live, index);
  for (const [i, issues] of extras.issuesByEntry) {
    if (hasErrors(issues)) fail(i, issues);
    else pass(i, [], issues, extras.patientOf.get(i));
  }

  // Each Patient is mapped once, keyed by the resource object (entries and contained resources alike).
  const patients = new Map<
    Record<string, unknown>,
    { patient?: FhirPatient; result: MapResult<PatientRecord> }
  >();
  const patientAt = (entry: IndexedResource) => {
    let cached = patients.get(entry.resource);
    if (!cached) {
      const parsed = validate(patientSchema, entry.resource, "Patient");
      const result = parsed.ok
        ? mapPatient(parsed.value, { ...options, extras: extras.byPatient.get(entry.index) })
        : parsed;
      cached = { patient: parsed.ok ? parsed.value : undefined, result };
      patients.set(entry.resource, cached);
    }
    return cached;
  };

  /** Patient entry -> the first Encounter whose event carries it. */
  const subjects = new Map<number, number>();
  const stayEvent = options.event && stayEventKinds.has(options.event.kind) ? options.event : undefined;
  for (const entry of indexed) {
    if (results.has(entry.index) || entry.resourceType !== "Encounter") continue;
    if (!isFocus(entry.index)) {
      pass(entry.index, []);
      continue;
    }
    if (options.event && !stayEvent) {
      fail(entry.index, [error("not-supported", messages.personEvent, "Encounter")]);
      continue;
    }
    const parsed = validate(encounterSchema, entry.resource, "Encounter");
    const seen = new Set<number>();
    const result: EncounterMapResult = parsed.ok
      ? mapEncounter(parsed.value, {
          ...options,
          index,
          self: entry,
          event: stayEvent,
          patientAt: (patient) => {
            if (patient.index !== entry.index) seen.add(patient.index);
            return patientAt(patient).result;
          },
        })
      : refused(parsed.issues);
    // A Patient is folded into an Encounter's event only when that event exists: in a batch, the
    // Patient of a refused Encounter is still a person update of its own.
    if (result.ok) for (const i of seen) if (!subjects.has(i)) subjects.set(i, entry.index);
    if (result.ok) pass(entry.index, [result.value], result.issues);
    else if (result.unknownPatient) {
      const { unknownPatient } = result;
      results.set(entry.index, { ok: false, outcome: rebase(entry.index, result.issues), unknownPatient });
    } else fail(entry.index, result.issues);
  }

  for (const entry of indexed) {
    if (results.has(entry.index) || entry.resourceType !== "Patient") continue;
    const { patient, result } = patientAt(entry);
    if (!result.ok || !patient) fail(entry.index, result.issues);
    else if (subjects.has(entry.index)) pass(entry.index, [], result.issues, subjects.get(entry.index));
    else if (!isFocus(entry.index)) pass(entry.index, [], result.issues);
    else if (stayEvent) {
      fail(entry.index, [error("not-supported", messages.stayEvent, "Patient")]);
    } else {
      const event = personEvent(patient, result.value, {
        ...options,
        kind: options.event?.kind ?? "person-update",
        trigger: options.event?.trigger ?? "A31",
        index,
        self: entry,
      });
      const issues = [...result.issues, ...event.issues];
      if (event.ok) pass(entry.index, [event.value], issues);
      else fail(entry.index, issues);
    }
  }

  for (const entry of indexed) {
    if (results.has(entry.index)) continue;
    if (supportingTypes.has(entry.resourceType)) pass(entry.index, []);
    else pass(entry.index, [], [ignoredIssue(entry.resourceType)]);
  }
  return inputs.map((input) => ({
    index: input.index,
    ...(input.method ? { method: input.method.toUpperCase() } : {}),
    result: results.get(input.index)!,
  }));
}
