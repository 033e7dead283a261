/**
 * What an operator (CLI or admin API) may say about a facility or a ward, validated once here.
 * Codes are stored exactly as given because feeds are matched on them exactly: the facility code
 * is the site in PV1-3.4 / MSH-4 (HD.1, at most 20 characters in HL7 v2.5), the ward code the
 * point of care in PV1-3.1.
 */
import { z } from "zod";

/** Upper-case letters and digits, '-' or '_', 2 to 20 characters: RXD01, RGH-MAIN. */
export const facilityCodePattern = /^[A-Z0-9][A-Z0-9_-]{1,19}$/;
/** As the staff directory accepts in FACILITY/WARD scope (lib/staff/staff-schema.ts): no '/'. */
export const wardCodePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const maxBedCount = 500;

// Names appear on screens and printed ward lists: one line, no control characters.
const displayName = (what: string) =>
  z
    .string({ message: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(100, `${what} must be at most 100 characters`)
    .refine((value) => !/\p{Cc}/u.test(value), `${what} must be one line of text`);

export const facilityCodeSchema = z
  .string({ message: "Facility code is required" })
  .trim()
  .regex(
    facilityCodePattern,
    "Facility code: 2 to 20 upper-case letters, digits, '-' or '_', exactly as feeds send it in " +
      "PV1-3.4 or MSH-4 (e.g. RXD01)",
  );

export const wardCodeSchema = z
  .string({ message: "Ward code is required" })
  .trim()
  .regex(
    wardCodePattern,
    "Ward code: up to 40 letters, digits, '.', '_' or '-', exactly as feeds send it in PV1-3.1 (e.g. ALD101)",
  );

const bedCountSchema = z
  .number({ message: "Bed count must be a whole number" })
  .int("Bed count must be a whole number")
  .min(0, "Bed count cannot be negative")
  .max(maxBedCount, `Bed count must be at most ${maxBedCount}`);

const specialtySchema = displayName("Specialty");

export const newFacilitySchema = z.strictObject({ code: facilityCodeSchema, name: displayName("Name") });
export const facilityRenameSchema = z.strictObject({ name: displayName("Name") });

export const newWardSchema = z.strictObject({
  code: wardCodeSchema,
  name: displayName("Name"),
  bedCount: bedCountSchema,
  specialty: specialtySchema.optional(),
});

/** A ward change names at least one field; `specialty: null` clears it. */
export const wardChangeSchema = z
  .strictObject({
    name: displayName("Name").optional(),
    bedCount: bedCountSchema.optional(),
    specialty: specialtySchema.nullable().optional(),
  })
  .refine(
    (change) => Object.values(change).some((value) => value !== undefined),
    "Say what to change: name, bedCount or specialty",
  );

export type NewFacility = z.output<typeof newFacilitySchema>;
export type NewWard = z.output<typeof newWardSchema>;
export type WardChange = z.output<typeof wardChangeSchema>;
