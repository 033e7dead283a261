/**
 * The console's publishing and retention form (/admin/publishing), read and checked (pure, so
 * the browser can check as the admin types and the server action checks again). Every problem
 * is reported against its field, in words the admin can act on; nothing here throws.
 */
import { type OptionalField, optionalFieldNames } from "@/lib/adt/events";

export interface PolicyFormInput {
  /** The ticked publishable fields (checkbox values). */
  fields: readonly string[];
  graceHoursAfterDischarge: string;
  maxDaysWithoutEvents: string;
}

export interface FacilityPolicyValues {
  publishing: { fields: OptionalField[] };
  retention: { graceHoursAfterDischarge: number; maxDaysWithoutEvents: number };
}

export type PolicyFormErrors = Partial<
  Record<"fields" | "graceHoursAfterDischarge" | "maxDaysWithoutEvents", string>
>;

export type PolicyFormResult =
  | { ok: true; value: FacilityPolicyValues }
  | { ok: false; errors: PolicyFormErrors };

/** Bounds as facility-policy.ts's schema has them: a year of grace, ten years without events. */
export const graceHoursLimit = 24 * 365;
export const staleDaysLimit = 3650;

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

export function parsePolicyForm(input: PolicyFormInput): PolicyFormResult {
  const errors: PolicyFormErrors = {};
  const known = new Set<string>(optionalFieldNames);
  const unknown = input.fields.filter((field) => !known.has(field));
  if (unknown.length > 0) errors.fields = `Not a publishable field: ${unknown.join(", ")}`;

  const grace = wholeNumber(input.graceHoursAfterDischarge);
  if (grace === null)
    errors.graceHoursAfterDischarge = "Enter the grace period as a whole number of hours (0 or more)";
  else if (grace > graceHoursLimit)
    errors.graceHoursAfterDischarge = `The grace period can be at most ${graceHoursLimit} hours (a year)`;

  const stale = wholeNumber(input.maxDaysWithoutEvents);
  if (stale === null || stale < 1)
    errors.maxDaysWithoutEvents = "Enter the days without events as a whole number, at least 1";
  else if (stale > staleDaysLimit)
    errors.maxDaysWithoutEvents = `The days without events can be at most ${staleDaysLimit} (ten years)`;

  // A discharge is a stay's last event, so a stale limit shorter than the grace period would
  // purge discharged patients as stale before their grace period ends.
  if (!errors.graceHoursAfterDischarge && !errors.maxDaysWithoutEvents && grace! > stale! * 24) {
    errors.graceHoursAfterDischarge = `The grace period (${grace} hours) is longer than the stale limit (${stale} days): discharged patients would be purged as stale first`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      publishing: { fields: [...new Set(input.fields as OptionalField[])].sort() },
      retention: { graceHoursAfterDischarge: grace!, maxDaysWithoutEvents: stale! },
    },
  };
}
