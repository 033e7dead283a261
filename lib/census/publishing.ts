/**
 * Publishing rules: which optional fields leave the ingest layer. Name, the two identifiers,
 * birth date, sex, ward and bed are always published; everything in `optionalFieldNames` is
 * stored only when the facility's policy lists it. Unpublished values are dropped here, before
 * anything is written, so they never reach the database.
 */
import { type AdtEvent, type OptionalField, optionalFieldNames } from "@/lib/adt/events";

// No zod here: the console's live preview runs this in the browser, and a schema library in a
// chunk shared with the ward list would grow the ward list (publishing-policy-schema.ts has it).
export interface PublishingPolicy {
  fields: OptionalField[];
}

/** What a facility publishes until an admin decides otherwise: the clinically essential extras. */
export const defaultPublishingPolicy: PublishingPolicy = {
  fields: ["alerts", "allergies", "consultant", "gp", "nextOfKin"],
};

const demographicFields = optionalFieldNames.filter((field) => field !== "consultant");

/** The patient fields the policy does not publish: ingest clears them from the stored record. */
export function withheldDemographics(policy: PublishingPolicy): OptionalField[] {
  const published = new Set<OptionalField>(policy.fields);
  return demographicFields.filter((field) => !published.has(field));
}

/** The event with every field the policy does not publish removed. */
export function applyPublishing(event: AdtEvent, policy: PublishingPolicy): AdtEvent {
  const published = new Set<OptionalField>(policy.fields);
  const demographics = { ...event.patient.demographics };
  for (const field of demographicFields) {
    if (!published.has(field)) delete demographics[field as keyof typeof demographics];
  }
  // Withheld allergies must read as withheld, never as "none" or "not sent" (allergy-state.ts).
  if (published.has("allergies")) {
    if (demographics.allergyStatus === "not-published") delete demographics.allergyStatus;
  } else demographics.allergyStatus = "not-published";
  const visit =
    event.visit && !published.has("consultant") ? { ...event.visit, consultant: undefined } : event.visit;
  if (visit && visit.consultant === undefined) delete visit.consultant;
  return { ...event, patient: { ...event.patient, demographics }, ...(visit ? { visit } : {}) };
}
