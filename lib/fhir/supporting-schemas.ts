import { z } from "zod";
import { codeableConcept, humanName, identifier, reference, resourceBase } from "./datatypes";

/**
 * Schemas for the resources that travel with Patients and Encounters and are read only for what they
 * add: Location (ward, room, bed), Practitioner (consultant name), AllergyIntolerance and Flag
 * (allergies and alerts). Same leniency as validate.ts: unread elements are stripped, not checked.
 */

export const locationSchema = z.object({
  resourceType: z.literal("Location"),
  ...resourceBase,
  identifier: z.array(identifier).optional(),
  name: z.string().optional(),
  physicalType: codeableConcept.optional(),
  partOf: reference.optional(),
  managingOrganization: reference.optional(),
});

export const practitionerSchema = z.object({
  resourceType: z.literal("Practitioner"),
  ...resourceBase,
  name: z.array(humanName).optional(),
});

export const allergyIntoleranceSchema = z.object({
  resourceType: z.literal("AllergyIntolerance"),
  ...resourceBase,
  clinicalStatus: codeableConcept.optional(),
  verificationStatus: codeableConcept.optional(),
  code: codeableConcept.optional(),
  criticality: z.enum(["low", "high", "unable-to-assess"]).optional(),
  patient: reference,
  reaction: z.array(z.object({ severity: z.enum(["mild", "moderate", "severe"]).optional() })).optional(),
});

export const flagSchema = z.object({
  resourceType: z.literal("Flag"),
  ...resourceBase,
  status: z.enum(["active", "inactive", "entered-in-error"]),
  code: codeableConcept,
  subject: reference,
});

export type FhirLocation = z.infer<typeof locationSchema>;
export type FhirPractitioner = z.infer<typeof practitionerSchema>;
export type FhirAllergyIntolerance = z.infer<typeof allergyIntoleranceSchema>;
export type FhirFlag = z.infer<typeof flagSchema>;
