import type { Allergy } from "@/lib/adt/events";
import { isNoKnownAllergyStatement, noKnownAllergyCodes } from "@/lib/allergies/no-known-allergies";
import { type OutcomeIssue, warning } from "./operation-outcome";
import { conceptHasCode, conceptText } from "./read-datatypes";
import type { IndexedResource, ResourceIndex } from "./references";
import {
  allergyIntoleranceSchema,
  type FhirAllergyIntolerance,
  type FhirFlag,
  flagSchema,
} from "./supporting-schemas";
import { validate } from "./validate";

/**
 * Allergies and alerts are not Patient elements in R4: they are AllergyIntolerance and Flag resources
 * that point at the patient (AllergyIntolerance.patient, Flag.subject). When a bundle carries them next
 * to the Patient they are folded into that patient's record; when it carries none, the record says
 * nothing about allergies or alerts ("not sent"), never "none". "None" is said by an
 * AllergyIntolerance that states it (code 716186003 "No known allergy" and its kin, or the words),
 * or by one the sender refuted (verificationStatus refuted): `noneKnown`, shown as "No known
 * allergies" only when no active allergy came with it (lib/allergies/allergy-state.ts).
 */

export interface PatientExtras {
  allergies: Allergy[];
  alerts: string[];
  /** An AllergyIntolerance said "no known allergies" (or refuted one). */
  noneKnown?: boolean;
}

const criticalityText: Record<NonNullable<FhirAllergyIntolerance["criticality"]>, string> = {
  high: "high criticality",
  low: "low criticality",
  "unable-to-assess": "criticality unable to assess",
};
const reactionSeverities = ["severe", "moderate", "mild"] as const;

/**
 * An allergy for the ward list, or undefined when it should not be shown: refuted or entered in error
 * (verificationStatus), no longer active (clinicalStatus inactive/resolved), or with no readable code.
 * Severity is the worst AllergyIntolerance.reaction.severity (mild, moderate, severe: the words the HL7
 * feed uses for AL1-4), else AllergyIntolerance.criticality (the potential harm of a future reaction),
 * worded so it is not mistaken for a reaction severity.
 */
export function allergyFrom(resource: FhirAllergyIntolerance): Allergy | undefined {
  if (conceptHasCode(resource.verificationStatus, ["refuted", "entered-in-error"])) return undefined;
  if (saysNoKnownAllergy(resource)) return undefined;
  if (conceptHasCode(resource.clinicalStatus, ["inactive", "resolved"])) return undefined;
  const text = conceptText(resource.code);
  if (!text) return undefined;
  const reactions = new Set(resource.reaction?.map((r) => r.severity));
  const severity =
    reactionSeverities.find((s) => reactions.has(s)) ??
    (resource.criticality ? criticalityText[resource.criticality] : undefined);
  return severity ? { text, severity } : { text };
}

/** A "no known allergies" statement (or a refuted allergy), not an allergen (see the top). */
export function saysNoKnownAllergy(resource: FhirAllergyIntolerance): boolean {
  if (conceptHasCode(resource.verificationStatus, ["entered-in-error"])) return false;
  if (conceptHasCode(resource.verificationStatus, ["refuted"])) return true;
  return (
    conceptHasCode(resource.code, [...noKnownAllergyCodes]) ||
    isNoKnownAllergyStatement({ text: conceptText(resource.code) })
  );
}

/** An alert from an active Flag (Flag.status), by Flag.code text or display. */
export function alertFrom(flag: FhirFlag): string | undefined {
  return flag.status === "active" ? conceptText(flag.code) : undefined;
}

export interface CollectedExtras {
  /** By the Bundle.entry index of the Patient they belong to. */
  byPatient: Map<number, PatientExtras>;
  /** Issues of each AllergyIntolerance/Flag entry, by entry index; an entry with errors is refused. */
  issuesByEntry: Map<number, OutcomeIssue[]>;
  /** The Patient entry each AllergyIntolerance/Flag entry was filed under. */
  patientOf: Map<number, number>;
}

/** Reads every AllergyIntolerance and Flag entry and files it under the Patient it points at. */
export function collectExtras(entries: readonly IndexedResource[], index: ResourceIndex): CollectedExtras {
  const byPatient = new Map<number, PatientExtras>();
  const issuesByEntry = new Map<number, OutcomeIssue[]>();
  const patientOf = new Map<number, number>();
  const file = (
    entry: IndexedResource,
    patientRef: Parameters<ResourceIndex["resolve"]>[0],
    path: string,
  ) => {
    const patient = index.resolve(patientRef, "Patient", entry);
    if (!patient) {
      issuesByEntry.set(entry.index, [
        warning("not-found", "Ignored: the Patient it refers to is not in this request", path),
      ]);
      return undefined;
    }
    issuesByEntry.set(entry.index, []);
    patientOf.set(entry.index, patient.index);
    const extras = byPatient.get(patient.index) ?? { allergies: [], alerts: [] };
    byPatient.set(patient.index, extras);
    return extras;
  };
  for (const entry of entries) {
    if (entry.resourceType === "AllergyIntolerance") {
      const parsed = validate(allergyIntoleranceSchema, entry.resource, "AllergyIntolerance");
      if (!parsed.ok) issuesByEntry.set(entry.index, parsed.issues);
      else {
        const allergy = allergyFrom(parsed.value);
        const extras = file(entry, parsed.value.patient, "AllergyIntolerance.patient");
        if (extras && allergy) extras.allergies.push(allergy);
        else if (extras && saysNoKnownAllergy(parsed.value)) extras.noneKnown = true;
      }
    } else if (entry.resourceType === "Flag") {
      const parsed = validate(flagSchema, entry.resource, "Flag");
      if (!parsed.ok) issuesByEntry.set(entry.index, parsed.issues);
      else {
        const alert = alertFrom(parsed.value);
        const extras = file(entry, parsed.value.subject, "Flag.subject");
        if (extras && alert) extras.alerts.push(alert);
      }
    }
  }
  return { byPatient, issuesByEntry, patientOf };
}
