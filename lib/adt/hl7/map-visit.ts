/**
 * PV1 → VisitSnapshot. Location is PV1-3 (PL: 1 point of care = ward, 2 room, 3 bed,
 * 4 facility), prior location PV1-6, consultant PV1-7 (attending) then PV1-9 (consulting),
 * specialty PV1-10, visit number PV1-19, admitted PV1-44, discharged PV1-45.
 *
 * Refused (AR): no PV1 or PV1-19 for a stay event, and no ward in PV1-3.1 for an admission (A01:
 * "the admission process which assigns the patient to a bed", v2.5 section 3.3.1) or a transfer
 * (A02: "the new patient location should appear in PV1-3", section 3.3.2): without it the event
 * cannot put the patient on a ward. Other events may leave PV1-3 out (no change of location).
 * Dropped with a warning, the rest applied: an unreadable PV1-44/PV1-45 or PV1-7/PV1-9. A broken
 * PV1-7 does not fall back to PV1-9, which names another doctor; the stay keeps its consultant.
 */
import { parseHl7DateTime } from "@/lib/hl7/datetime";
import type { Hl7Message } from "@/lib/hl7/message";
import type { AdtEventKind, Location, VisitSnapshot } from "../events";
import type { MappingWarning } from "./mapping-result";
import { refuse } from "./mapping-result";
import { fieldDropped } from "./mapping-warnings";
import { readPractitionerName } from "./names";

export interface VisitMapOptions {
  /** For HL7 times without an offset. */
  timeZone: string;
  kind: AdtEventKind;
  /** Appended to for each field dropped. */
  warnings: MappingWarning[];
}

const needsLocation: ReadonlySet<AdtEventKind> = new Set<AdtEventKind>(["admit", "transfer"]);

/**
 * Ward, room, bed and visit codes are short identifiers; a value past this is a broken message,
 * refused by name rather than failing in the database (an index entry holds at most ~2.7 kB).
 */
const MAX_CODE_LENGTH = 64;

function code(message: Hl7Message, path: string, label: string): string {
  const value = message.get(path).trim();
  if (value.length > MAX_CODE_LENGTH)
    refuse(
      path.replace(/\.\d+$/, ""),
      "102",
      `${path} (${label}) is longer than ${MAX_CODE_LENGTH} characters`,
    );
  return value;
}

function location(message: Hl7Message, path: string): Location | undefined {
  const ward = code(message, `${path}.1`, "ward");
  const room = code(message, `${path}.2`, "room");
  const bed = code(message, `${path}.3`, "bed");
  if (!ward && !room && !bed) return undefined;
  return { ...(ward ? { ward } : {}), ...(room ? { room } : {}), ...(bed ? { bed } : {}) };
}

function time(message: Hl7Message, path: string, label: string, options: VisitMapOptions): Date | undefined {
  const raw = message.get(path);
  if (!raw) return undefined;
  const parsed = parseHl7DateTime(raw, { timeZone: options.timeZone });
  if (!parsed) options.warnings.push(fieldDropped(path, label, "102", "is not a valid HL7 date/time"));
  return parsed ?? undefined;
}

function consultant(message: Hl7Message, warnings: MappingWarning[]): string | undefined {
  for (const [path, label] of [
    ["PV1-7", "attending doctor"],
    ["PV1-9", "consulting doctor"],
  ] as const) {
    const reading = readPractitionerName(message, path);
    if ("name" in reading) return reading.name;
    if ("unreadable" in reading) {
      warnings.push(fieldDropped(path, label, "102", reading.unreadable));
      return undefined;
    }
  }
  return undefined;
}

export function mapVisit(message: Hl7Message, options: VisitMapOptions): VisitSnapshot {
  if (!message.segment("PV1")) refuse("PV1", "101", "PV1 segment is required for this event");
  const visitNumber = code(message, "PV1-19.1", "visit number");
  if (!visitNumber) refuse("PV1-19", "101", "PV1-19 (visit number) is required for this event");
  const current = location(message, "PV1-3");
  if (needsLocation.has(options.kind) && !current?.ward) {
    const event = options.kind === "admit" ? "an admission" : "a transfer";
    refuse("PV1-3", "101", `PV1-3.1 (assigned ward) is required for ${event}`);
  }
  const prior = location(message, "PV1-6");
  const attending = consultant(message, options.warnings);
  const admittedAt = time(message, "PV1-44", "admit time", options);
  const dischargedAt = time(message, "PV1-45", "discharge time", options);
  const patientClass = message.get("PV1-2.1").trim().toUpperCase();
  const specialty = message.get("PV1-10.1").trim();
  return {
    visitNumber,
    ...(patientClass ? { patientClass } : {}),
    ...(current ? { location: current } : {}),
    ...(prior ? { priorLocation: prior } : {}),
    ...(attending ? { consultant: attending } : {}),
    ...(specialty ? { specialty } : {}),
    ...(admittedAt ? { admittedAt } : {}),
    ...(dischargedAt ? { dischargedAt } : {}),
  };
}

export interface NamedSite {
  code: string;
  field: "PV1-3.4" | "MSH-4";
}

/** Site codes the message names, most specific first: PV1-3.4, then MSH-4 (sending facility). */
export function facilityCandidates(message: Hl7Message): NamedSite[] {
  const named: NamedSite[] = [
    { code: message.get("PV1-3.4"), field: "PV1-3.4" },
    { code: message.get("PV1-3.4.1"), field: "PV1-3.4" },
    { code: message.get("MSH-4.1"), field: "MSH-4" },
  ];
  return named
    .map((site) => ({ ...site, code: site.code.trim() }))
    .filter((site, index, all) => site.code !== "" && all.findIndex((s) => s.code === site.code) === index);
}
