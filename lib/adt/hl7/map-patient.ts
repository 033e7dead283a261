/**
 * PID (and PD1, NK1, AL1, ZAL) → PatientRecord. Identifiers (PID-3, CX repetitions):
 * - NHS number: assigning authority (CX-4) "NHS" or identifier type (CX-5) "NH"/"NHS"/"HN";
 *   must pass the modulus-11 check or the message is refused.
 * - MRN: the first other identifier of type MR/PI/PT, or whose authority is one of the facility's
 *   PAS authorities, else the first other identifier. Feeds that key patients by NHS number alone
 *   (NHS England ITK profile) use the NHS number as the MRN.
 */

import { parseHl7Date } from "@/lib/hl7/datetime";
import type { Hl7Message } from "@/lib/hl7/message";
import type { Allergy, NextOfKin, PatientRecord, Sex } from "../events";
import { isValidNhsNumber, normaliseNhsNumber } from "../nhs-number";
import { refuse } from "./mapping-result";
import { displayCase, personName } from "./names";

interface Identifier {
  id: string;
  authority: string;
  type: string;
}

function identifiers(message: Hl7Message, path: string): Identifier[] {
  const ids = message.getAll(`${path}.1`);
  const authorities = message.getAll(`${path}.4`);
  const types = message.getAll(`${path}.5`);
  return ids
    .map((id, i) => ({
      id: id.trim(),
      authority: (authorities[i] ?? "").trim(),
      type: (types[i] ?? "").trim().toUpperCase(),
    }))
    .filter((identifier) => identifier.id !== "");
}

const isNhs = (identifier: Identifier) =>
  identifier.authority.toUpperCase() === "NHS" || ["NH", "NHS", "HN"].includes(identifier.type);

/** The local patient identifier of an identifier list (PID-3 or MRG-1), if any. */
export function localIdentifier(
  message: Hl7Message,
  path: string,
  mrnAuthorities: readonly string[] = [],
): string | undefined {
  const local = identifiers(message, path).filter((identifier) => !isNhs(identifier));
  const preferred = local.find(
    (identifier) =>
      ["MR", "PI", "PT"].includes(identifier.type) || mrnAuthorities.includes(identifier.authority),
  );
  return (preferred ?? local[0])?.id;
}

function nhsNumber(message: Hl7Message, pid: string): string | undefined {
  const list = identifiers(message, `${pid}-3`);
  const index = list.findIndex(isNhs);
  if (index < 0) return undefined;
  const value = list[index]!.id;
  const digits = normaliseNhsNumber(value);
  if (!digits || !isValidNhsNumber(digits)) {
    refuse(`${pid}-3`, "102", `PID-3 repetition ${index + 1}: the NHS number fails its modulus-11 check`);
  }
  return digits;
}

// HL7 table 0001, plus the NHS Data Dictionary person stated gender codes some UK feeds send.
const sexCodes: Record<string, Sex> = {
  M: "male",
  F: "female",
  O: "other",
  A: "other",
  U: "unknown",
  N: "unknown",
  "1": "male",
  "2": "female",
  "9": "unknown",
  "0": "unknown",
};

const severities: Record<string, string> = { SV: "severe", MO: "moderate", MI: "mild", U: "unknown" };

function allergies(message: Hl7Message): Allergy[] {
  return message.segments("AL1").flatMap((_, i) => {
    const path = `AL1[${i + 1}]`;
    const text = message.get(`${path}-3.2`) || message.get(`${path}-3.1`);
    if (!text) return [];
    const severity =
      severities[message.get(`${path}-4.1`).toUpperCase()] ?? (message.get(`${path}-4.2`) || undefined);
    const reaction = message.get(`${path}-5`);
    return [{ text: reaction ? `${text} – ${reaction}` : text, ...(severity ? { severity } : {}) }];
  });
}

function nextOfKin(message: Hl7Message): NextOfKin[] {
  return message.segments("NK1").flatMap((_, i) => {
    const path = `NK1[${i + 1}]`;
    const name = personName(message, `${path}-2`);
    if (!name.family) return [];
    const relationship = message.get(`${path}-3.2`) || message.get(`${path}-3.1`);
    const phone = message.get(`${path}-5.1`) || message.get(`${path}-5.12`);
    return [
      {
        name: displayCase([name.title, name.given, name.family].filter(Boolean).join(" ")),
        ...(relationship ? { relationship } : {}),
        ...(phone ? { phone } : {}),
      },
    ];
  });
}

function address(message: Hl7Message, pid: string): string | undefined {
  // XAD: 1 street, 2 other designation, 3 city, 4 county, 5 postcode.
  const parts = [1, 2, 3, 4, 5].map((n) => message.get(`${pid}-11.${n}`).trim()).filter(Boolean);
  return parts.length ? parts.join(", ") : undefined;
}

/** `pid` names the PID occurrence, "PID" or "PID[2]" for the second patient of a merge. */
export function mapPatient(
  message: Hl7Message,
  options: { mrnAuthorities?: readonly string[]; pid?: string } = {},
): PatientRecord {
  const pid = options.pid ?? "PID";
  if (!message.get(`${pid}-3`) && !message.get(`${pid}-5`))
    refuse(pid, "101", "PID segment is missing or empty");
  const nhs = nhsNumber(message, pid);
  const mrn = localIdentifier(message, `${pid}-3`, options.mrnAuthorities) ?? nhs;
  if (!mrn) refuse(`${pid}-3`, "101", "PID-3 has no patient identifier");
  const name = personName(message, `${pid}-5`);
  if (!name.family) refuse(`${pid}-5`, "101", "PID-5 has no family name");
  const birthDate = parseHl7Date(message.get(`${pid}-7`)) ?? undefined;
  const sex = sexCodes[message.get(`${pid}-8`).toUpperCase()];
  const alerts = message
    .segments("ZAL")
    .map((_, i) => message.get(`ZAL[${i + 1}]-2`))
    .filter(Boolean);
  const phone = message.get(`${pid}-13.1`) || message.get(`${pid}-13.12`);
  const gp = message.get("PD1-4.2") ? undefined : message.get("PD1-3.1");
  const gpName = message.get("PD1-4.2")
    ? [message.get("PD1-4.6"), message.get("PD1-4.3"), displayCase(message.get("PD1-4.2"))]
        .filter(Boolean)
        .join(" ")
    : gp;
  const optional = {
    alerts: alerts.length ? alerts : undefined,
    allergies: allergies(message),
    nextOfKin: nextOfKin(message),
    address: address(message, pid),
    phone: phone || undefined,
    gp: gpName || undefined,
    language: (message.get(`${pid}-15.2`) || message.get(`${pid}-15.1`)).trim() || undefined,
    religion: (message.get(`${pid}-17.2`) || message.get(`${pid}-17.1`)).trim() || undefined,
  };
  return {
    mrn,
    ...(nhs ? { nhsNumber: nhs } : {}),
    demographics: {
      familyName: displayCase(name.family),
      ...(name.given ? { givenNames: displayCase(name.given) } : {}),
      ...(name.title ? { title: displayCase(name.title) } : {}),
      ...(birthDate ? { birthDate } : {}),
      ...(sex ? { sex } : {}),
      ...Object.fromEntries(
        Object.entries(optional).filter(
          ([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
        ),
      ),
    },
  };
}
