/**
 * One parsed HL7 v2 message → census events. Lenient parsing happened already; mapping is strict:
 * a required field missing is a refusal (AR) naming the segment and field. Triggers outside the
 * census (e.g. A60 allergies) are acknowledged and ignored; message types other than ADT are
 * refused as unsupported.
 */
import { parseHl7DateTime } from "@/lib/hl7/datetime";
import type { Hl7Message } from "@/lib/hl7/message";
import { type AdtEvent, kindByTrigger, stayEventKinds } from "../events";
import { localIdentifier, mapPatient } from "./map-patient";
import { facilityCandidates, mapVisit, type NamedSite } from "./map-visit";
import { type Hl7Mapping, MappingRefusal, refuse } from "./mapping-result";

export interface Hl7MappingOptions {
  /** For HL7 times without an offset (Europe/London by default). */
  timeZone: string;
  /** Sites this sender may send for; the message must name one, or the sender has only one. */
  facilityCodes: readonly string[];
  mrnAuthorities?: readonly string[];
}

/** EVN-6 (when it occurred), then EVN-2 (recorded), then MSH-7 (message time). */
function eventTime(message: Hl7Message, timeZone: string): Date {
  for (const path of ["EVN-6", "EVN-2", "MSH-7"]) {
    const raw = message.get(`${path}.1`);
    const parsed = raw ? parseHl7DateTime(raw, { timeZone }) : null;
    if (parsed) return parsed;
  }
  return refuse("MSH-7", "101", "No valid event time in EVN-6, EVN-2 or MSH-7");
}

function facilityCode(
  message: Hl7Message,
  allowed: readonly string[],
): { code: string; others: NamedSite[] } {
  const named = facilityCandidates(message);
  // Most specific first: a PV1-3.4 that is not this sender's site outranks an MSH-4 that is.
  const matchAt = named.findIndex((site) => allowed.includes(site.code));
  if (matchAt >= 0) return { code: named[matchAt]!.code, others: named.slice(0, matchAt) };
  if (allowed.length === 1) return { code: allowed[0]!, others: named };
  const where = named.length
    ? `names ${named.length === 1 ? "a site" : "sites"} this sender may not send for`
    : "names no site";
  return refuse("PV1-3.4", "103", `The message ${where} (PV1-3.4 / MSH-4)`);
}

function mapMerges(
  message: Hl7Message,
  base: Omit<AdtEvent, "patient">,
  options: Hl7MappingOptions,
): AdtEvent[] {
  // A40 may carry several PID/MRG pairs (HL7 v2.5 ch. 3.3.40); each is its own merge.
  return message.segments("MRG").map((_, i) => {
    const n = i + 1;
    const priorMrn = localIdentifier(message, `MRG[${n}]-1`, options.mrnAuthorities);
    if (!priorMrn) refuse("MRG-1", "101", "MRG-1 (prior patient identifier) is required for a merge");
    const priorVisit = message.get(`MRG[${n}]-5.1`).trim();
    return {
      ...base,
      patient: mapPatient(message, { mrnAuthorities: options.mrnAuthorities, pid: `PID[${n}]` }),
      mergedFrom: { mrn: priorMrn, ...(priorVisit ? { visitNumber: priorVisit } : {}) },
    };
  });
}

export function mapHl7Message(message: Hl7Message, options: Hl7MappingOptions): Hl7Mapping {
  const messageCode = message.messageCode.toUpperCase();
  if (!messageCode)
    return {
      outcome: "rejected",
      issues: [{ location: "MSH-9", code: "101", message: "MSH-9 (message type) is required" }],
    };
  if (messageCode !== "ADT") {
    return {
      outcome: "rejected",
      issues: [
        {
          location: "MSH-9",
          code: "200",
          message: `Message type ${messageCode} is not accepted here; send ADT`,
        },
      ],
    };
  }
  const trigger = (message.triggerEvent || message.get("EVN-1")).toUpperCase();
  const kind = kindByTrigger[trigger];
  if (!kind)
    return {
      outcome: "ignored",
      note: `ADT^${trigger || "?"} is not a census event; acknowledged and not stored`,
    };
  try {
    const facility = facilityCode(message, options.facilityCodes);
    const base = {
      kind,
      trigger,
      facilityCode: facility.code,
      eventAt: eventTime(message, options.timeZone),
    };
    const warnings = [...message.warnings];
    const others = facility.others.length > 0 ? { otherSitesNamed: facility.others } : {};
    if (kind === "merge") {
      const events = mapMerges(message, base, options);
      if (events.length === 0) refuse("MRG", "101", "MRG segment is required for a merge");
      return { outcome: "mapped", events, warnings, ...others };
    }
    const patient = mapPatient(message, { mrnAuthorities: options.mrnAuthorities });
    const visit = stayEventKinds.has(kind) ? mapVisit(message, options.timeZone) : undefined;
    const event = { ...base, patient, ...(visit ? { visit } : {}) };
    return { outcome: "mapped", events: [event], warnings, ...others };
  } catch (error) {
    if (error instanceof MappingRefusal) return { outcome: "rejected", issues: [error.issue] };
    throw error;
  }
}
