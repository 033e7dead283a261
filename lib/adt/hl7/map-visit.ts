/**
 * PV1 → VisitSnapshot. Location is PV1-3 (PL: 1 point of care = ward, 2 room, 3 bed,
 * 4 facility), prior location PV1-6, consultant PV1-7 (attending) then PV1-9 (consulting),
 * specialty PV1-10, visit number PV1-19, admitted PV1-44, discharged PV1-45.
 */
import { parseHl7DateTime } from "@/lib/hl7/datetime";
import type { Hl7Message } from "@/lib/hl7/message";
import type { Location, VisitSnapshot } from "../events";
import { refuse } from "./mapping-result";
import { practitionerName } from "./names";

function location(message: Hl7Message, path: string): Location | undefined {
  const ward = message.get(`${path}.1`).trim();
  const room = message.get(`${path}.2`).trim();
  const bed = message.get(`${path}.3`).trim();
  if (!ward && !room && !bed) return undefined;
  return { ...(ward ? { ward } : {}), ...(room ? { room } : {}), ...(bed ? { bed } : {}) };
}

function time(message: Hl7Message, path: string, timeZone: string): Date | undefined {
  const raw = message.get(path);
  if (!raw) return undefined;
  const parsed = parseHl7DateTime(raw, { timeZone });
  if (!parsed) refuse(path, "102", `${path} is not a valid HL7 date/time`);
  return parsed;
}

export function mapVisit(message: Hl7Message, timeZone: string): VisitSnapshot {
  if (!message.segment("PV1")) refuse("PV1", "101", "PV1 segment is required for this event");
  const visitNumber = message.get("PV1-19.1").trim();
  if (!visitNumber) refuse("PV1-19", "101", "PV1-19 (visit number) is required for this event");
  const current = location(message, "PV1-3");
  const prior = location(message, "PV1-6");
  const consultant = practitionerName(message, "PV1-7") ?? practitionerName(message, "PV1-9");
  const admittedAt = time(message, "PV1-44", timeZone);
  const dischargedAt = time(message, "PV1-45", timeZone);
  const patientClass = message.get("PV1-2.1").trim().toUpperCase();
  const specialty = message.get("PV1-10.1").trim();
  return {
    visitNumber,
    ...(patientClass ? { patientClass } : {}),
    ...(current ? { location: current } : {}),
    ...(prior ? { priorLocation: prior } : {}),
    ...(consultant ? { consultant } : {}),
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
