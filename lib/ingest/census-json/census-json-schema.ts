/**
 * The JSON census API's request body, for engines that emit neither HL7 v2 nor FHIR: the census
 * event model (lib/adt/events.ts) as JSON, validated strictly. Documented in the OpenAPI
 * description and docs/integration-guide.md.
 */
import { z } from "zod";
import { type AdtEvent, adtEventKinds, stayEventKinds } from "@/lib/adt/events";
import { isValidNhsNumber } from "@/lib/adt/nhs-number";

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const location = z.strictObject({
  ward: text(64).optional(),
  room: text(64).optional(),
  bed: text(64).optional(),
});
const kinds = Object.keys(adtEventKinds) as [keyof typeof adtEventKinds, ...(keyof typeof adtEventKinds)[]];

const demographics = z.strictObject({
  familyName: text(100),
  givenNames: text(100).optional(),
  title: text(20).optional(),
  birthDate: z.iso.date().optional(),
  sex: z.enum(["male", "female", "other", "unknown"]).optional(),
  alerts: z.array(text(200)).max(50).optional(),
  allergies: z
    .array(z.strictObject({ text: text(200), severity: text(40).optional() }))
    .max(50)
    .optional(),
  // "none-known": the hospital system recorded no allergies (lib/allergies/allergy-state.ts).
  allergyStatus: z.enum(["none-known"]).optional(),
  nextOfKin: z
    .array(z.strictObject({ name: text(200), relationship: text(60).optional(), phone: text(40).optional() }))
    .max(10)
    .optional(),
  address: text(300).optional(),
  phone: text(40).optional(),
  gp: text(200).optional(),
  religion: text(60).optional(),
  language: text(60).optional(),
});

const event = z
  .strictObject({
    kind: z.enum(kinds),
    facilityCode: text(32),
    eventAt: instant,
    patient: z.strictObject({
      mrn: text(64),
      nhsNumber: z
        .string()
        .transform((value) => value.replace(/\s/g, ""))
        .refine(isValidNhsNumber, "not a valid NHS number (modulus-11 check)")
        .optional(),
      demographics,
    }),
    visit: z
      .strictObject({
        visitNumber: text(64),
        patientClass: text(4).optional(),
        location: location.optional(),
        priorLocation: location.optional(),
        consultant: text(200).optional(),
        specialty: text(100).optional(),
        admittedAt: instant.optional(),
        dischargedAt: instant.optional(),
        accountNumber: text(64).optional(),
      })
      .optional(),
    mergedFrom: z.strictObject({ mrn: text(64), visitNumber: text(64).optional() }).optional(),
    movedFrom: z.strictObject({ mrn: text(64), accountNumber: text(64).optional() }).optional(),
  })
  .superRefine((value, ctx) => {
    if (stayEventKinds.has(value.kind) && !value.visit) {
      ctx.addIssue({ code: "custom", path: ["visit"], message: `required for ${value.kind}` });
    }
    if ((value.kind === "merge" || value.kind === "change-identifier") && !value.mergedFrom) {
      ctx.addIssue({ code: "custom", path: ["mergedFrom"], message: `required for ${value.kind}` });
    }
    if (value.kind === "move-account" && !value.movedFrom?.accountNumber) {
      ctx.addIssue({
        code: "custom",
        path: ["movedFrom"],
        message: "mrn and accountNumber required for move-account",
      });
    }
  });

export const censusRequestSchema = z.strictObject({
  messageId: text(128),
  events: z.array(event).min(1).max(100),
});

export type CensusRequest = z.infer<typeof censusRequestSchema>;

export function toAdtEvents(request: CensusRequest): AdtEvent[] {
  return request.events.map((item) => ({ ...item, trigger: adtEventKinds[item.kind] }) as AdtEvent);
}

/** "/events/0/patient/nhsNumber" for the first problem, as RFC 6901 JSON pointer. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return `/${path.map((part) => String(part).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
}
