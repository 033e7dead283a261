import { z } from "zod";
import {
  address,
  codeableConcept,
  coding,
  contactPoint,
  extension,
  fhirDate,
  fhirDateTime,
  humanName,
  identifier,
  period,
  reference,
  resourceBase,
} from "./datatypes";
import { error, type MapResult, mapped, type OutcomeIssue, refused } from "./operation-outcome";

/**
 * The subset of R4 resources Downtime reads, as zod schemas. Lenient about what we do not read (z.object
 * strips unknown elements), strict about what we do: a wrong type or code on an element we map refuses
 * the resource with an issue naming that element.
 */

export const patientSchema = z.object({
  resourceType: z.literal("Patient"),
  ...resourceBase,
  identifier: z.array(identifier).optional(),
  name: z.array(humanName).optional(),
  telecom: z.array(contactPoint).optional(),
  gender: z.enum(["male", "female", "other", "unknown"]).optional(),
  birthDate: fhirDate.optional(),
  address: z.array(address).optional(),
  contact: z
    .array(
      z.object({
        relationship: z.array(codeableConcept).optional(),
        name: humanName.optional(),
        telecom: z.array(contactPoint).optional(),
        organization: reference.optional(),
      }),
    )
    .optional(),
  communication: z
    .array(z.object({ language: codeableConcept, preferred: z.boolean().optional() }))
    .optional(),
  generalPractitioner: z.array(reference).optional(),
  link: z.array(z.object({ other: reference, type: z.string() })).optional(),
  extension: z.array(extension).optional(),
});

export const encounterStatuses = [
  "planned",
  "arrived",
  "triaged",
  "in-progress",
  "onleave",
  "finished",
  "cancelled",
  "entered-in-error",
  "unknown",
] as const;

export const encounterSchema = z.object({
  resourceType: z.literal("Encounter"),
  ...resourceBase,
  identifier: z.array(identifier).optional(),
  status: z.enum(encounterStatuses),
  statusHistory: z.array(z.object({ status: z.string(), period: period.optional() })).optional(),
  // Encounter.class is 1..1 in R4, but only needed when it decides the event (map-encounter.ts).
  class: coding.optional(),
  serviceType: codeableConcept.optional(),
  subject: reference.optional(),
  participant: z
    .array(
      z.object({
        type: z.array(codeableConcept).optional(),
        individual: reference.optional(),
        period: period.optional(),
      }),
    )
    .optional(),
  period: period.optional(),
  location: z
    .array(
      z.object({
        location: reference,
        status: z.enum(["planned", "active", "reserved", "completed"]).optional(),
        physicalType: codeableConcept.optional(),
        period: period.optional(),
      }),
    )
    .optional(),
  serviceProvider: reference.optional(),
  contained: z.array(z.record(z.string(), z.unknown())).optional(),
});

export const messageHeaderSchema = z.object({
  resourceType: z.literal("MessageHeader"),
  ...resourceBase,
  // event[x] is 1..1: eventCoding or eventUri.
  eventCoding: coding.optional(),
  eventUri: z.string().optional(),
  focus: z.array(reference).optional(),
  response: z.object({ identifier: z.string().optional(), code: z.string().optional() }).optional(),
});

export const bundleTypes = [
  "document",
  "message",
  "transaction",
  "transaction-response",
  "batch",
  "batch-response",
  "history",
  "searchset",
  "collection",
] as const;

export const bundleSchema = z.object({
  resourceType: z.literal("Bundle"),
  ...resourceBase,
  identifier: identifier.optional(),
  type: z.enum(bundleTypes),
  timestamp: fhirDateTime.optional(),
  entry: z
    .array(
      z.object({
        fullUrl: z.string().optional(),
        resource: z.record(z.string(), z.unknown()).optional(),
        request: z.object({ method: z.string(), url: z.string() }).optional(),
      }),
    )
    .optional(),
});

export type FhirPatient = z.infer<typeof patientSchema>;
export type FhirEncounter = z.infer<typeof encounterSchema>;
export type FhirMessageHeader = z.infer<typeof messageHeaderSchema>;
export type FhirBundle = z.infer<typeof bundleSchema>;
export type FhirBundleEntry = NonNullable<FhirBundle["entry"]>[number];

/** Parses `value` against `schema`; issues name the element as a FHIRPath under `root` ("Patient"). */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root: string,
): MapResult<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return mapped(parsed.data);
  return refused(parsed.error.issues.map((issue) => toOutcomeIssue(issue, root)));
}

/** "identifier", 0, "value" -> "Patient.identifier[0].value". */
export function fhirPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (expr, step) => (typeof step === "number" ? `${expr}[${step}]` : `${expr}.${String(step)}`),
    root,
  );
}

function toOutcomeIssue(issue: z.core.$ZodIssue, root: string): OutcomeIssue {
  const expression = fhirPath(root, issue.path);
  // zod's default messages name the expected type or codes, never the input, so they are safe to return.
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
    return error("required", "Required element is missing", expression);
  }
  if (issue.code === "invalid_value") return error("code-invalid", issue.message, expression);
  if (issue.code === "invalid_type") return error("structure", issue.message, expression);
  return error("value", issue.message, expression);
}
