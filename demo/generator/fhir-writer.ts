/**
 * Writes a demo item as a FHIR R4 transaction Bundle (Bundle.id = the control id): the Patient and
 * the Encounter, each a conditional update on its business identifier (transaction.html#cond-update)
 * so replaying the feed updates rather than duplicates. Person-only events (A31, A40) have no
 * Encounter status and give null. The location is one Encounter.location entry per level (ward,
 * room, bed; physicalType wa/ro/bd) pointing at contained Locations, because a display string such
 * as "WARD^ROOM^BED" has no structure a receiver may rely on. The ward Location carries the ward
 * code as its identifier; room and bed are named, and partOf links bed → room → ward. A transfer
 * adds the prior place as completed entries; the current place is active, reserved while on leave
 * (the bed is held), planned for a pre-admission and completed once finished or cancelled.
 */
import type { AdtEvent, AdtEventKind, Location } from "@/lib/adt/events";
import type { DemoAdtItem } from "./adt-scenario";
import { fnv1a } from "./distributions";
import { DEMO_SYSTEM, patientResource } from "./fhir-patient";
import type { FhirBundle, FhirResource } from "./fhir-types";

const ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
const PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";

type EncounterStatus = "planned" | "in-progress" | "onleave" | "finished" | "cancelled";

/** Encounter.status after each event (R4 encounter-status); undefined: not an Encounter change. */
export const encounterStatusByKind: Partial<Record<AdtEventKind, EncounterStatus>> = {
  "pre-admit": "planned",
  admit: "in-progress",
  register: "in-progress",
  transfer: "in-progress",
  update: "in-progress",
  "leave-return": "in-progress",
  "cancel-transfer": "in-progress",
  "cancel-discharge": "in-progress",
  "outpatient-to-inpatient": "in-progress",
  "inpatient-to-outpatient": "in-progress",
  "leave-out": "onleave",
  discharge: "finished",
  "cancel-admit": "cancelled",
};

// PV1-2 (table 0004) → v3 ActCode: PRENC is the pre-admission encounter, so it round-trips as "P".
const classByPatientClass: Record<string, [string, string]> = {
  I: ["IMP", "inpatient encounter"],
  P: ["PRENC", "pre-admission"],
  E: ["EMER", "emergency"],
  O: ["AMB", "ambulatory"],
};

/** A stable UUID (v4 layout) from text, so the same item always gives the same Bundle. */
function uuidFrom(text: string): string {
  const hex = [1, 2, 3, 4].map((salt) => fnv1a(`${salt}:${text}`).toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Contained Locations and Encounter.location entries for one place (`tag` keeps ids apart). */
function place(
  location: Location | undefined,
  status: string,
  tag: string,
  event: AdtEvent,
  wardName?: string,
) {
  const contained: FhirResource[] = [];
  const entries: FhirResource[] = [];
  let parent: string | undefined;
  const levels = [
    ["ward", location?.ward, "wa", "Ward"],
    ["room", location?.room, "ro", "Room"],
    ["bed", location?.bed, "bd", "Bed"],
  ] as const;
  for (const [level, code, type, typeName] of levels) {
    if (!code) continue;
    const id = `${tag}-${level}`;
    const physicalType = { coding: [{ system: PHYSICAL_TYPE, code: type, display: typeName }] };
    const isWard = level === "ward";
    contained.push({
      resourceType: "Location",
      id,
      ...(isWard ? { identifier: [{ system: `${DEMO_SYSTEM}/location`, value: code }] } : {}),
      name: isWard ? (wardName ?? code) : code,
      physicalType,
      ...(parent ? { partOf: { reference: `#${parent}` } } : {}),
      ...(isWard ? { managingOrganization: { identifier: facilityIdentifier(event) } } : {}),
    });
    const display = isWard ? (wardName ?? code) : code;
    const reference = { reference: `#${id}`, display };
    entries.push({ location: reference, status, physicalType });
    parent = id;
  }
  return { contained, entries };
}

const facilityIdentifier = (event: AdtEvent) => ({
  system: `${DEMO_SYSTEM}/facility`,
  value: event.facilityCode,
});

export interface FhirWriterOptions {
  /** Ward names by ward code, for Location.name and the reference display (else the code). */
  wardNames?: ReadonlyMap<string, string>;
}

export function toFhirBundle(item: DemoAdtItem, options: FhirWriterOptions = {}): FhirBundle | null {
  const { event, controlId } = item;
  const status = encounterStatusByKind[event.kind];
  const visit = event.visit;
  if (!status || !visit) return null;
  const ward = (location?: Location) => (location?.ward ? options.wardNames?.get(location.ward) : undefined);
  // Encounter.location.status: a bed held during leave is "reserved"; a pre-admission's ward is "planned".
  const locationStatus = { planned: "planned", onleave: "reserved", "in-progress": "active" }[
    status as string
  ];
  const current = place(
    visit.location,
    locationStatus ?? "completed",
    "current",
    event,
    ward(visit.location),
  );
  const prior =
    event.kind === "transfer"
      ? place(visit.priorLocation, "completed", "prior", event, ward(visit.priorLocation))
      : { contained: [], entries: [] };
  const [classCode, classDisplay] = classByPatientClass[visit.patientClass ?? "I"] ?? [
    "IMP",
    "inpatient encounter",
  ];
  const patientUrl = `urn:uuid:${uuidFrom(`${controlId}|Patient`)}`;
  const encounter: FhirResource = {
    resourceType: "Encounter",
    meta: { lastUpdated: event.eventAt.toISOString() },
    contained: [...prior.contained, ...current.contained],
    identifier: [
      { use: "official", system: `${DEMO_SYSTEM}/visit/${event.facilityCode}`, value: visit.visitNumber },
    ],
    status,
    class: { system: ACT_CODE, code: classCode, display: classDisplay },
    ...(visit.specialty ? { serviceType: { text: visit.specialty } } : {}),
    subject: { reference: patientUrl },
    ...(visit.consultant
      ? {
          participant: [
            {
              type: [
                {
                  coding: [
                    { system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "ATND" },
                  ],
                },
              ],
              individual: { display: visit.consultant },
            },
          ],
        }
      : {}),
    ...(visit.admittedAt || visit.dischargedAt
      ? {
          period: {
            ...(visit.admittedAt ? { start: visit.admittedAt.toISOString() } : {}),
            ...(visit.dischargedAt ? { end: visit.dischargedAt.toISOString() } : {}),
          },
        }
      : {}),
    location: [...prior.entries, ...current.entries],
    serviceProvider: { identifier: facilityIdentifier(event) },
  };
  const mrnSystem = `${DEMO_SYSTEM}/mrn/${event.facilityCode}`;
  const visitSystem = `${DEMO_SYSTEM}/visit/${event.facilityCode}`;
  return {
    resourceType: "Bundle",
    id: controlId,
    type: "transaction",
    timestamp: event.eventAt.toISOString(),
    entry: [
      {
        fullUrl: patientUrl,
        resource: patientResource(event),
        request: {
          method: "PUT",
          url: `Patient?identifier=${mrnSystem}|${encodeURIComponent(event.patient.mrn)}`,
        },
      },
      {
        fullUrl: `urn:uuid:${uuidFrom(`${controlId}|Encounter`)}`,
        resource: encounter,
        request: {
          method: "PUT",
          url: `Encounter?identifier=${visitSystem}|${encodeURIComponent(visit.visitNumber)}`,
        },
      },
    ],
  };
}
