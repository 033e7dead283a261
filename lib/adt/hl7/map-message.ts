/**
 * One parsed HL7 v2 message → census events. Lenient parsing happened already; mapping is strict:
 * a required field missing is a refusal (AR) naming the segment and field. Triggers outside the
 * census (pending events, A60 allergies) and message types other than ADT are acknowledged and
 * not stored (unapplied-messages.ts).
 */
import { parseHl7DateTime } from "@/lib/hl7/datetime";
import type { Hl7Message } from "@/lib/hl7/message";
import { type AdtEvent, kindByTrigger, stayEventKinds } from "../events";
import { accountNumberOf, mapAccountMove, mapSwap, mapVisitMove } from "./map-moves";
import { localIdentifier, mapPatient } from "./map-patient";
import { facilityCandidates, mapVisit, type NamedSite } from "./map-visit";
import { type Hl7Mapping, MappingRefusal, type MappingWarning, refuse } from "./mapping-result";
import { parseWarnings } from "./mapping-warnings";
import { notCensusTrigger, notUsedMessage } from "./unapplied-messages";

export interface Hl7MappingOptions {
  /** For HL7 times without an offset (Europe/London by default). */
  timeZone: string;
  /** Sites this sender may send for; the message must name one, or the sender has only one. */
  facilityCodes: readonly string[];
  /** The API client's MRN assigning authorities (PID-3 CX-4), most preferred first; see map-patient.ts. */
  mrnAuthorities?: readonly string[];
}

/** EVN-6 (when it occurred), then EVN-2 (recorded), then MSH-7 (message time). */
export function eventTime(message: Hl7Message, timeZone: string): Date {
  for (const path of ["EVN-6", "EVN-2", "MSH-7"]) {
    const raw = message.get(`${path}.1`);
    const parsed = raw ? parseHl7DateTime(raw, { timeZone }) : null;
    if (parsed) return parsed;
  }
  return refuse("MSH-7", "101", "No valid event time in EVN-6, EVN-2 or MSH-7");
}

/** The site a message is filed under, and the site codes it named that are not this sender's. */
export function facilityCode(
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
  warnings: MappingWarning[],
): AdtEvent[] {
  // A40 may carry several PID/MRG pairs (HL7 v2.5 ch. 3.3.40); each is its own merge.
  return message.segments("MRG").map((_, i) => {
    const n = i + 1;
    const priorMrn = localIdentifier(message, `MRG[${n}]-1`, options.mrnAuthorities);
    if (!priorMrn) refuse("MRG-1", "101", "MRG-1 (prior patient identifier) is required for a merge");
    const priorVisit = message.get(`MRG[${n}]-5.1`).trim();
    return {
      ...base,
      patient: mapPatient(message, { mrnAuthorities: options.mrnAuthorities, pid: `PID[${n}]`, warnings }),
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
    return { outcome: "ignored", ...notUsedMessage(messageCode, message.triggerEvent.toUpperCase()) };
  }
  const trigger = (message.triggerEvent || message.get("EVN-1")).toUpperCase();
  const kind = kindByTrigger[trigger];
  if (!kind) return { outcome: "ignored", ...notCensusTrigger(trigger) };
  try {
    const facility = facilityCode(message, options.facilityCodes);
    const base = {
      kind,
      trigger,
      facilityCode: facility.code,
      eventAt: eventTime(message, options.timeZone),
    };
    const warnings = parseWarnings(message.warnings);
    const others = facility.others.length > 0 ? { otherSitesNamed: facility.others } : {};
    const mapped = (events: AdtEvent[]): Hl7Mapping => ({ outcome: "mapped", events, warnings, ...others });
    // A47 changes an identifier: on the census, the same as a merge into the new one.
    if (kind === "merge" || kind === "change-identifier") {
      const events = mapMerges(message, base, options, warnings);
      if (events.length === 0) refuse("MRG", "101", "MRG segment is required for a merge");
      return mapped(events);
    }
    const moveOptions = { timeZone: options.timeZone, mrnAuthorities: options.mrnAuthorities, warnings };
    if (kind === "swap") return mapped(mapSwap(message, base, moveOptions));
    if (kind === "move-visit") return mapped([mapVisitMove(message, base, moveOptions)]);
    if (kind === "move-account") return mapped([mapAccountMove(message, base, moveOptions)]);
    const patient = mapPatient(message, { mrnAuthorities: options.mrnAuthorities, warnings });
    const visit = stayEventKinds.has(kind)
      ? mapVisit(message, { timeZone: options.timeZone, kind, warnings })
      : undefined;
    const accountNumber = accountNumberOf(message);
    const event = {
      ...base,
      patient,
      ...(visit ? { visit: { ...visit, ...(accountNumber ? { accountNumber } : {}) } } : {}),
    };
    return mapped([event]);
  } catch (error) {
    if (error instanceof MappingRefusal) return { outcome: "rejected", issues: [error.issue] };
    throw error;
  }
}
