import {
  type AdtEvent,
  type AdtEventKind,
  adtEventKinds,
  type PatientRecord,
  type VisitSnapshot,
} from "@/lib/adt/events";
import { encounterKind, patientClassOf } from "./encounter-kind";
import { type EncounterPlace, encounterPlace, organizationCode } from "./encounter-location";
import { type EncounterSubject, encounterSubject, type SubjectContext } from "./encounter-subject";
import { parseFhirDateTime } from "./fhir-datetime";
import type { KnownPatientIds, KnownPatientKey, KnownPatients } from "./known-patients";
import { error, hasErrors, type MapResult, type OutcomeIssue, refused, resultOf } from "./operation-outcome";
import { conceptHasCode, conceptText, displayName, isCurrentIdentifier } from "./read-datatypes";
import { practitionerSchema } from "./supporting-schemas";
import type { FhirEncounter } from "./validate";

/**
 * Encounter (https://hl7.org/fhir/R4/encounter.html) -> AdtEvent with a visit.
 *   visitNumber   Encounter.identifier (use "official", else the first current one); required
 *   kind          encounter-kind.ts (status and class), or the message event when one is given
 *   patient       encounter-subject.ts: the Patient in the request, else a patient sent before, found
 *                 by MRN at the Encounter's facility among `knownPatients`; none found is refused with
 *                 `unknownPatient` set, which the caller answers 422 (it may be known once the Patient
 *                 arrives)
 *   location      encounter-location.ts
 *   consultant    the participant typed ATND (attender), else CON (consultant), in
 *                 v3-ParticipationType: individual.display, else the Practitioner's name in the request
 *   specialty     Encounter.serviceType text or display
 *   admittedAt    Encounter.period.start (not for "planned": that period is only a plan)
 *   dischargedAt  Encounter.period.end when the Encounter is finished
 *   facilityCode  Encounter.serviceProvider's identifier (or its Organization's), else the Location's
 *                 managingOrganization, else the API client's default facility; else refused
 *   eventAt       the first of: meta.lastUpdated (when the sender's record changed, which also orders
 *                 repeated snapshots of one Encounter); period.end when finished; the later of the
 *                 open statusHistory entry for the current status and, for a transfer, the current
 *                 location's period.start; period.start (except planned and cancelled, whose start is
 *                 a plan or the cancelled admission); else `now`. The mapper never reads the clock.
 */

export interface EncounterMapContext extends SubjectContext {
  now: Date;
  timeZone?: string;
  defaultFacilityCode?: string;
  /** A message's event (MessageHeader.eventCoding), which takes precedence over Encounter.status. */
  event?: { kind: AdtEventKind; trigger: string };
  /** Patients the census holds (absent: none), for an Encounter sent without its Patient. */
  knownPatients?: KnownPatients;
  /** Patient resource ids this sender sent before, for a subject "Patient/<id>" (absent: none). */
  knownPatientIds?: KnownPatientIds;
}

/** What to look up when the patient is not known yet: its MRN, or the sender's Patient resource id. */
export type UnknownPatient = KnownPatientKey | { facilityCode: string; resourceId: string };

/** Set only when the one thing stopping the Encounter is that its patient is not known yet. */
export type EncounterMapResult = MapResult<AdtEvent> & { unknownPatient?: UnknownPatient };

const PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

export function mapEncounter(encounter: FhirEncounter, context: EncounterMapContext): EncounterMapResult {
  const issues: OutcomeIssue[] = [];
  const identifiers = (encounter.identifier ?? []).filter(isCurrentIdentifier);
  const visitNumber = (identifiers.find((id) => id.use === "official") ?? identifiers[0])?.value?.trim();
  if (!visitNumber)
    issues.push(
      error("required", "Encounter.identifier (the visit number) is required", "Encounter.identifier"),
    );

  const statusKind = context.event ? undefined : encounterKind(encounter);
  if (statusKind) issues.push(...statusKind.issues);
  const kind = context.event?.kind ?? (statusKind?.ok ? statusKind.value : undefined);

  const subject = encounterSubject(encounter, context);
  issues.push(...subject.issues);

  const place = encounterPlace(encounter.location, context.index, context.self);
  const facilityCode =
    organizationCode(encounter.serviceProvider, context.index, context.self) ??
    place.facilityCode ??
    context.defaultFacilityCode;
  if (!facilityCode) {
    issues.push(
      error("required", "No facility: send serviceProvider with an identifier", "Encounter.serviceProvider"),
    );
  }

  const time = (value: string | undefined, path: string) => {
    const parsed = parseFhirDateTime(value, context.timeZone);
    if (value !== undefined && parsed === undefined) issues.push(error("value", "Not a valid date", path));
    return parsed;
  };
  const admittedAt =
    encounter.status === "planned" ? undefined : time(encounter.period?.start, "Encounter.period.start");
  const dischargedAt =
    encounter.status === "finished" ? time(encounter.period?.end, "Encounter.period.end") : undefined;

  const lookup = subject.ok && facilityCode ? findPatient(subject.value, facilityCode, context) : undefined;
  if (lookup?.unknown) issues.push(notKnown());
  const patient = lookup?.patient;
  if (!visitNumber || !kind || !patient || !facilityCode) {
    const onlyUnknown = lookup?.unknown && issues.filter((issue) => hasErrors([issue])).length === 1;
    return onlyUnknown ? { ...refused(issues), unknownPatient: lookup.unknown } : refused(issues);
  }
  const patientClass = patientClassOf(encounter.class);
  const consultant = consultantOf(encounter, context);
  const specialty = conceptText(encounter.serviceType);
  const visit: VisitSnapshot = {
    visitNumber,
    ...(patientClass ? { patientClass } : {}),
    ...(place.location ? { location: place.location } : {}),
    ...(kind === "transfer" && place.priorLocation ? { priorLocation: place.priorLocation } : {}),
    ...(consultant ? { consultant } : {}),
    ...(specialty ? { specialty } : {}),
    ...(admittedAt ? { admittedAt } : {}),
    ...(dischargedAt ? { dischargedAt } : {}),
  };
  const event: AdtEvent = {
    kind,
    trigger: context.event?.trigger ?? adtEventKinds[kind],
    facilityCode,
    eventAt: eventTime(encounter, kind, place, context),
    patient,
    visit,
    ...(lookup?.resourceId ? { patientResourceId: lookup.resourceId } : {}),
  };
  return resultOf(event, issues);
}

const notKnown = () =>
  error(
    "not-found",
    "No patient with the subject's identifier is known at this facility: send the Patient first, or with the Encounter in a Bundle",
    "Encounter.subject",
  );

function findPatient(
  subject: EncounterSubject,
  facilityCode: string,
  context: EncounterMapContext,
): { patient?: PatientRecord; unknown?: UnknownPatient; resourceId?: string } {
  if (subject.sent) return { patient: subject.patient, resourceId: subject.resourceId };
  if ("resourceId" in subject) {
    // The MRN the id was last filed under, at this Encounter's facility.
    const named = context.knownPatientIds?.(subject.resourceId);
    const patient = named && context.knownPatients?.({ facilityCode, mrn: named.mrn });
    return patient
      ? { patient, resourceId: subject.resourceId }
      : { unknown: { facilityCode, resourceId: subject.resourceId } };
  }
  const key = { facilityCode, mrn: subject.mrn };
  const patient = context.knownPatients?.(key);
  return patient ? { patient } : { unknown: key };
}

function eventTime(
  encounter: FhirEncounter,
  kind: AdtEventKind,
  place: EncounterPlace,
  context: EncounterMapContext,
): Date {
  const at = (value: string | undefined) => parseFhirDateTime(value, context.timeZone);
  const lastUpdated = at(encounter.meta?.lastUpdated);
  if (lastUpdated) return lastUpdated;
  const ended = encounter.status === "finished" ? at(encounter.period?.end) : undefined;
  if (ended) return ended;
  const changes = [
    ...(encounter.statusHistory ?? [])
      .filter((entry) => entry.status === encounter.status && !entry.period?.end)
      .map((entry) => at(entry.period?.start)),
    ...(kind === "transfer" ? place.currentStarts.map(at) : []),
  ].filter((date): date is Date => date !== undefined);
  if (changes.length > 0) return new Date(Math.max(...changes.map((date) => date.getTime())));
  const started =
    encounter.status === "planned" || kind.startsWith("cancel") ? undefined : at(encounter.period?.start);
  return started ?? context.now;
}

function consultantOf(encounter: FhirEncounter, context: EncounterMapContext): string | undefined {
  const current = (encounter.participant ?? []).filter((p) => !p.period?.end);
  const typed = (code: string) =>
    current.find((p) => p.type?.some((type) => conceptHasCode(type, [code], PARTICIPATION_TYPE)));
  const participant = typed("ATND") ?? typed("CON");
  if (!participant?.individual) return undefined;
  const display = participant.individual.display?.trim();
  if (display) return display;
  const practitioner = context.index.resolve(participant.individual, "Practitioner", context.self);
  const parsed = practitioner && practitionerSchema.safeParse(practitioner.resource);
  if (!parsed?.success) return undefined;
  const names = parsed.data.name ?? [];
  return displayName(names.find((n) => n.use === "official") ?? names[0]);
}
