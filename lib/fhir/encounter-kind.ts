import type { AdtEventKind } from "@/lib/adt/events";
import type { Coding } from "./datatypes";
import { hasLocationMove } from "./encounter-location";
import { error, type MapResult, mapped, refused } from "./operation-outcome";
import type { FhirEncounter } from "./validate";

/**
 * Which census event an Encounter snapshot is (Encounter.status, R4 encounter-status):
 *   planned                          -> pre-admit (A05)
 *   arrived, triaged, in-progress    -> transfer (A02) when location[] holds a completed entry and an
 *                                       active one; else admit (A01) for inpatient classes, register
 *                                       (A04) for ambulatory, emergency and other non-inpatient ones
 *   onleave                          -> leave-out (A21)
 *   finished                         -> discharge (A03)
 *   cancelled, entered-in-error      -> cancel-admit (A11): the stay never happened
 *   unknown                          -> refused at Encounter.status
 * Encounter.class (v3 ActCode) is also kept as the HL7 v2 PV1-2 patient class (table 0004) so the
 * census has one vocabulary whichever feed a stay came from (lib/adt/stay-fold.ts reads "I", "O", "P").
 */

const patientClassByActCode: Record<string, string> = {
  imp: "I",
  acute: "I",
  nonac: "I",
  ss: "I",
  inpatient: "I",
  emer: "E",
  emergency: "E",
  amb: "O",
  obsenc: "O",
  vr: "O",
  hh: "O",
  fld: "O",
  outpatient: "O",
  ambulatory: "O",
  prenc: "P",
};

/** HL7 v2 PV1-2 patient class for an Encounter.class coding, or undefined when we do not know it. */
export function patientClassOf(encounterClass: Coding | undefined): string | undefined {
  return patientClassByActCode[encounterClass?.code?.toLowerCase() ?? ""];
}

export function encounterKind(encounter: FhirEncounter): MapResult<AdtEventKind> {
  switch (encounter.status) {
    case "planned":
      return mapped("pre-admit");
    case "arrived":
    case "triaged":
    case "in-progress":
      return arrivedKind(encounter);
    case "onleave":
      return mapped("leave-out");
    case "finished":
      return mapped("discharge");
    case "cancelled":
    case "entered-in-error":
      return mapped("cancel-admit");
    case "unknown":
      return refused([
        error("not-supported", "Encounter status 'unknown' cannot be put on a census", "Encounter.status"),
      ]);
  }
}

function arrivedKind(encounter: FhirEncounter): MapResult<AdtEventKind> {
  if (hasLocationMove(encounter.location)) return mapped("transfer");
  if (!encounter.class) {
    return refused([
      error(
        "required",
        "Encounter.class is needed to tell an admission from an attendance",
        "Encounter.class",
      ),
    ]);
  }
  const patientClass = patientClassOf(encounter.class);
  if (patientClass === undefined) {
    return refused([
      error("code-invalid", "Unrecognised encounter class (expected v3 ActCode)", "Encounter.class"),
    ]);
  }
  return mapped(patientClass === "I" ? "admit" : "register");
}
