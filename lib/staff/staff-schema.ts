/**
 * What an admin (form, API or CSV row) may say about a member of staff. Validated once here, at
 * the edge; the directory then resolves codes to ids against the database.
 */
import { z } from "zod";
import { roles } from "@/lib/access/roles";
import { normaliseUsername, windowsUsernamePattern } from "@/lib/auth/principal";
import { isAscii } from "@/lib/auth/sign-in/username-folding";
import { AppError } from "@/lib/errors";

/** A user's scope is bounded so one user's rows stay far below DSQL's 3,000-rows-per-transaction. */
export const maxScopeEntries = 500;

export const usernameSchema = z
  .string()
  // Lower-casing would turn look-alikes (the Kelvin sign for K) into someone else's plain name.
  .refine(isAscii, { message: "Expected the Windows username in plain ASCII letters, digits and . _ -" })
  .transform(normaliseUsername)
  .refine((value) => windowsUsernamePattern.test(value), {
    message: "Expected a Windows username in the form DOMAIN\\user, e.g. TRUST\\jbloggs",
  });

// Codes are kept as written: feeds (PV1-3.1, PV1-3.4) define them and look-ups are exact.
const code = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export const wardCodeSchema = z
  .string()
  .trim()
  .refine((value) => {
    const [facility, ward, extra] = value.split("/");
    return extra === undefined && code.test(facility ?? "") && code.test(ward ?? "");
  }, "Expected a ward as FACILITY/WARD, e.g. RXD01/ALD101");

export const facilityCodeSchema = z.string().trim().regex(code, "Expected a facility code, e.g. RXD01");

const dedupe = <T>(values: T[]): T[] => [...new Set(values)];

export const staffUserInputSchema = z.object({
  username: usernameSchema,
  displayName: z
    .string()
    .trim()
    .min(1, "Display name is required")
    .max(100, "Display name must be at most 100 characters"),
  roles: z
    .array(z.enum(roles, { message: `Expected one of: ${roles.join(", ")}` }))
    .min(1, "At least one role is required")
    .transform(dedupe),
  wards: z.array(wardCodeSchema).max(maxScopeEntries).transform(dedupe).optional(),
  facilities: z.array(facilityCodeSchema).max(maxScopeEntries).transform(dedupe).optional(),
  enabled: z.boolean().optional(),
  nonProdAllowed: z.boolean().optional(),
});

/** Input as callers write it (before normalising) and as the directory receives it (after). */
export type StaffUserInputRaw = z.input<typeof staffUserInputSchema>;
export type StaffUserInput = z.output<typeof staffUserInputSchema>;

/** An update: any subset of the fields; absent fields keep their value, `wards: []` clears scope. */
export const staffUserPatchSchema = staffUserInputSchema.partial();
export type StaffUserPatch = z.output<typeof staffUserPatchSchema>;

/** Validates at the edge and answers in the one error type, naming the field at fault. */
export function parseOrBadRequest<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const location = issue.path.join(".");
  throw new AppError("bad_request", `Invalid ${what}: ${location ? `${location}: ` : ""}${issue.message}`, {
    location,
  });
}
