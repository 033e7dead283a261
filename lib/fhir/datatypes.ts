import { z } from "zod";

/**
 * Zod schemas for the R4 general-purpose datatypes we read (https://hl7.org/fhir/R4/datatypes.html).
 * Lenient by design: z.object strips elements we do not read, so unknown elements and extensions never
 * refuse a resource; only elements we use are type-checked. Primitive formats follow the regexes in
 * the R4 datatype definitions.
 */

/** R4 `date`: YYYY, YYYY-MM or YYYY-MM-DD. */
export const fhirDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "expected a FHIR date");

/**
 * R4 `dateTime`/`instant`: a date, or a time with seconds and a zone ("Z" or +hh:mm). R4 requires the
 * zone whenever a time is given; we accept a missing one and read it in the facility's time zone
 * (fhir-datetime.ts), as HL7 v2 does for DTM without an offset.
 */
export const fhirDateTime = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?)?)?)?$/,
    "expected a FHIR dateTime",
  );

export const coding = z.object({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});

export const codeableConcept = z.object({
  coding: z.array(coding).optional(),
  text: z.string().optional(),
});

export const period = z.object({
  start: fhirDateTime.optional(),
  end: fhirDateTime.optional(),
});

export const identifier = z.object({
  use: z.string().optional(),
  type: codeableConcept.optional(),
  system: z.string().optional(),
  value: z.string().optional(),
  period: period.optional(),
});

export const reference = z.object({
  reference: z.string().optional(),
  type: z.string().optional(),
  identifier: identifier.optional(),
  display: z.string().optional(),
});

export const humanName = z.object({
  use: z.string().optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
  period: period.optional(),
});

export const address = z.object({
  use: z.string().optional(),
  text: z.string().optional(),
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  district: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});

export const contactPoint = z.object({
  system: z.string().optional(),
  value: z.string().optional(),
  use: z.string().optional(),
  rank: z.number().optional(),
});

export const meta = z.object({
  versionId: z.string().optional(),
  lastUpdated: fhirDateTime.optional(),
});

/** Resource.id and Resource.meta, common to every resource we read. */
export const resourceBase = { id: z.string().optional(), meta: meta.optional() };

/**
 * Extensions are read only where we know the URL; a malformed value in any other extension must not
 * refuse the resource, hence `.catch(undefined)` on every value. Two levels cover the complex UK Core
 * extensions (e.g. Extension-UKCore-NHSCommunication.language).
 */
const extensionValues = {
  url: z.string().catch(""),
  valueString: z.string().optional().catch(undefined),
  valueCode: z.string().optional().catch(undefined),
  valueCoding: coding.optional().catch(undefined),
  valueCodeableConcept: codeableConcept.optional().catch(undefined),
};
export const extension = z.object({
  ...extensionValues,
  extension: z.array(z.object(extensionValues)).optional().catch(undefined),
});

export type Coding = z.infer<typeof coding>;
export type CodeableConcept = z.infer<typeof codeableConcept>;
export type Period = z.infer<typeof period>;
export type Identifier = z.infer<typeof identifier>;
export type Reference = z.infer<typeof reference>;
export type HumanName = z.infer<typeof humanName>;
export type Address = z.infer<typeof address>;
export type ContactPoint = z.infer<typeof contactPoint>;
export type Extension = z.infer<typeof extension>;
