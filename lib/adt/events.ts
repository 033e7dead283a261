/**
 * The census event model: what every feed (HL7 v2, FHIR R4, JSON) is mapped to before anything
 * is stored. Named after the HL7 v2 ADT triggers the hospital's integration teams know; FHIR
 * Encounter changes map to the same kinds. Pure data: no I/O.
 */

export const adtEventKinds = {
  admit: "A01",
  transfer: "A02",
  discharge: "A03",
  register: "A04",
  "pre-admit": "A05",
  "outpatient-to-inpatient": "A06",
  "inpatient-to-outpatient": "A07",
  update: "A08",
  "cancel-admit": "A11",
  "cancel-transfer": "A12",
  "cancel-discharge": "A13",
  swap: "A17",
  "leave-out": "A21",
  "leave-return": "A22",
  "person-add": "A28",
  "person-update": "A31",
  merge: "A40",
  "move-account": "A44",
  "move-visit": "A45",
  "change-identifier": "A47",
} as const;

export type AdtEventKind = keyof typeof adtEventKinds;

/** HL7 v2 trigger (MSH-9.2 / EVN-1) to event kind; A34 (merge patient id only) is a merge too. */
export const kindByTrigger: Record<string, AdtEventKind> = {
  ...Object.fromEntries(
    Object.entries(adtEventKinds).map(([kind, trigger]) => [trigger, kind as AdtEventKind]),
  ),
  A34: "merge",
};

/** Events that describe a stay (carry a visit); the rest are about the person only. */
export const stayEventKinds: ReadonlySet<AdtEventKind> = new Set<AdtEventKind>([
  "admit",
  "transfer",
  "discharge",
  "register",
  "pre-admit",
  "outpatient-to-inpatient",
  "inpatient-to-outpatient",
  "update",
  "cancel-admit",
  "cancel-transfer",
  "cancel-discharge",
  "swap",
  "leave-out",
  "leave-return",
  "move-visit",
]);

export type Sex = "male" | "female" | "other" | "unknown";

export interface Allergy {
  text: string;
  severity?: string;
}

export interface NextOfKin {
  name: string;
  relationship?: string;
  phone?: string;
}

/** Always published: who the patient is. */
export interface CoreDemographics {
  familyName: string;
  givenNames?: string;
  title?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
  sex?: Sex;
}

/** Published only when the facility's publishing rules allow (never stored otherwise). */
export interface OptionalDemographics {
  alerts?: string[];
  allergies?: Allergy[];
  /**
   * What an empty `allergies` means (lib/allergies/allergy-state.ts): "none-known" when the feed sent
   * a no-known-allergies statement, "not-published" when the publishing policy withheld allergies;
   * absent with no allergies: the feed sent nothing about them.
   */
  allergyStatus?: "none-known" | "not-published";
  nextOfKin?: NextOfKin[];
  address?: string;
  phone?: string;
  gp?: string;
  religion?: string;
  language?: string;
}

export const optionalFieldNames = [
  "alerts",
  "allergies",
  "nextOfKin",
  "address",
  "phone",
  "gp",
  "religion",
  "language",
  "consultant",
] as const;
export type OptionalField = (typeof optionalFieldNames)[number];

export interface PatientRecord {
  /** The facility's (or trust's) PAS identifier. */
  mrn: string;
  /** Validated 10-digit NHS number, digits only. */
  nhsNumber?: string;
  demographics: CoreDemographics & OptionalDemographics;
}

export interface Location {
  ward?: string;
  room?: string;
  bed?: string;
}

/** A snapshot of the visit as the event describes it; absent fields mean "not sent" (no change). */
export interface VisitSnapshot {
  visitNumber: string;
  patientClass?: string;
  location?: Location;
  priorLocation?: Location;
  consultant?: string;
  specialty?: string;
  admittedAt?: Date;
  dischargedAt?: Date;
  /** PID-18 (patient account number): what an A44 names to move a patient's visits. */
  accountNumber?: string;
}

export interface AdtEvent {
  kind: AdtEventKind;
  /** The trigger as sent (A01…); kept for history and notes. */
  trigger: string;
  /** Site code the event belongs to (PV1-3.4, MSH-4 or the API client's only facility). */
  facilityCode: string;
  /** When it happened clinically: EVN-6, then EVN-2, then MSH-7 (or FHIR period/meta). */
  eventAt: Date;
  patient: PatientRecord;
  visit?: VisitSnapshot;
  /** For merges and identifier changes: the identifiers that no longer exist (MRG-1, MRG-5). */
  mergedFrom?: { mrn: string; visitNumber?: string };
  /** For moves (A44, A45): the patient the visits move away from (MRG-1) and what names them. */
  movedFrom?: { mrn: string; accountNumber?: string };
  /** FHIR: the sender's Patient resource id, so a later Encounter may name the patient by it. */
  patientResourceId?: string;
}

/** Identifies one delivered message for idempotency: the same source + control id is one message. */
export interface MessageKey {
  source: string;
  controlId: string;
}
