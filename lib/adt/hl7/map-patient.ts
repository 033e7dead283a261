/**
 * PID (and PD1, NK1, AL1, ZAL) → PatientRecord.
 *
 * Identifiers (cx-identifiers.ts, nhs-identifiers.ts):
 * - MRN: with MRN authorities configured for the source, the first PID-3 repetition whose CX-4.1
 *   or CX-4.2 is one of them; else the first non-NHS one of type MR/PI/PT, else the first non-NHS
 *   one. Feeds that key patients by NHS number alone (NHS England ITK profile) use the NHS number.
 * - NHS number: PID-3 repetitions marked NHS, else PID-2 / PID-19 (v2.3 feeds), modulus 11 checked.
 *   One that fails is never stored. If the patient still has an MRN, the number is dropped with a
 *   warning and the message applied: an admission must not be lost to a typo in an identifier
 *   the census can do without. If the NHS number was the only identifier, the message is refused
 *   (AR 102), as there is nothing safe to file the patient under.
 *
 * Refused: no PID, no identifier, no family name (PID-5). Dropped with a warning: a PID-7 that is
 * not a date to the day, a PID-8 outside table 0001, an unreadable AL1 (patient-lists.ts).
 */

import { parseHl7Date } from "@/lib/hl7/datetime";
import type { Hl7Message } from "@/lib/hl7/message";
import type { PatientRecord, Sex } from "../events";
import { chooseMrn, cxIdentifiers } from "./cx-identifiers";
import { type MappingWarning, refuse } from "./mapping-result";
import { fieldDropped } from "./mapping-warnings";
import { displayCase, personName } from "./names";
import { findNhsNumber } from "./nhs-identifiers";
import { alerts, allergies, nextOfKin, sentNoKnownAllergies } from "./patient-lists";

export interface PatientMapOptions {
  /** The source's MRN assigning authorities (CX-4.1 or CX-4.2), most preferred first. */
  mrnAuthorities?: readonly string[];
  /** The PID occurrence: "PID", or "PID[2]" for the second patient of a merge. */
  pid?: string;
  /** Appended to for each field dropped. */
  warnings?: MappingWarning[];
}

/** The local patient identifier of an identifier list (PID-3 or MRG-1), if any. */
export function localIdentifier(
  message: Hl7Message,
  path: string,
  mrnAuthorities: readonly string[] = [],
): string | undefined {
  return chooseMrn(cxIdentifiers(message, path), mrnAuthorities)?.identifier.id;
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

function identifiers(
  message: Hl7Message,
  pid: string,
  options: PatientMapOptions,
  warnings: MappingWarning[],
) {
  const authorities = options.mrnAuthorities ?? [];
  const local = chooseMrn(cxIdentifiers(message, `${pid}-3`), authorities);
  if (local?.configuredAuthorityMissing) {
    warnings.push({
      location: `${pid}-3`,
      code: "101",
      message:
        "PID-3 has no identifier from this source's MRN authorities; the MRN was chosen by the default rule",
    });
  }
  const nhs = findNhsNumber(message, pid);
  if (nhs.kind === "invalid") {
    if (!local) refuse(nhs.location, "102", nhs.reason);
    warnings.push({ location: nhs.location, code: "102", message: `${nhs.reason}; it was dropped` });
  }
  const nhsNumber = nhs.kind === "valid" ? nhs.nhsNumber : undefined;
  const mrn = local?.identifier.id ?? nhsNumber;
  if (!mrn) refuse(`${pid}-3`, "101", "PID-3 has no patient identifier");
  return { mrn, nhsNumber };
}

function sex(message: Hl7Message, pid: string, warnings: MappingWarning[]): Sex | undefined {
  const code = message.get(`${pid}-8`).trim();
  if (!code) return undefined;
  const mapped = sexCodes[code.toUpperCase()];
  if (!mapped)
    warnings.push(fieldDropped(`${pid}-8`, "administrative sex", "103", "is not a code of HL7 table 0001"));
  return mapped;
}

function birthDate(message: Hl7Message, pid: string, warnings: MappingWarning[]): string | undefined {
  const raw = message.get(`${pid}-7`).trim();
  if (!raw) return undefined;
  const parsed = parseHl7Date(raw);
  if (!parsed)
    warnings.push(fieldDropped(`${pid}-7`, "date of birth", "102", "is not a valid HL7 date to the day"));
  return parsed ?? undefined;
}

function address(message: Hl7Message, pid: string): string | undefined {
  // XAD: 1 street, 2 other designation, 3 city, 4 county, 5 postcode.
  const parts = [1, 2, 3, 4, 5].map((n) => message.get(`${pid}-11.${n}`).trim()).filter(Boolean);
  return parts.length ? parts.join(", ") : undefined;
}

function gp(message: Hl7Message): string | undefined {
  // PD1-4 (XCN) names the GP; PD1-3 (XON) is the practice, shown only when no GP is named.
  if (!message.get("PD1-4.2")) return message.get("PD1-3.1") || undefined;
  return [message.get("PD1-4.6"), message.get("PD1-4.3"), displayCase(message.get("PD1-4.2"))]
    .filter(Boolean)
    .join(" ");
}

export function mapPatient(message: Hl7Message, options: PatientMapOptions = {}): PatientRecord {
  const pid = options.pid ?? "PID";
  const warnings = options.warnings ?? [];
  if (!message.get(`${pid}-3`) && !message.get(`${pid}-5`))
    refuse(pid, "101", "PID segment is missing or empty");
  const { mrn, nhsNumber } = identifiers(message, pid, options, warnings);
  const name = personName(message, `${pid}-5`);
  if (!name.family) refuse(`${pid}-5`, "101", "PID-5 has no family name");
  const born = birthDate(message, pid, warnings);
  const administrativeSex = sex(message, pid, warnings);
  const flags = alerts(message);
  const phone = message.get(`${pid}-13.1`) || message.get(`${pid}-13.12`);
  const allergyList = allergies(message, warnings);
  const optional = {
    alerts: flags.length ? flags : undefined,
    allergies: allergyList,
    // An NKA AL1 and no allergen: recorded as none. An allergen beside it wins (it is listed).
    allergyStatus: allergyList.length === 0 && sentNoKnownAllergies(message) ? "none-known" : undefined,
    nextOfKin: nextOfKin(message),
    address: address(message, pid),
    phone: phone || undefined,
    gp: gp(message),
    language: (message.get(`${pid}-15.2`) || message.get(`${pid}-15.1`)).trim() || undefined,
    religion: (message.get(`${pid}-17.2`) || message.get(`${pid}-17.1`)).trim() || undefined,
  };
  return {
    mrn,
    ...(nhsNumber ? { nhsNumber } : {}),
    demographics: {
      familyName: displayCase(name.family),
      ...(name.given ? { givenNames: displayCase(name.given) } : {}),
      ...(name.title ? { title: displayCase(name.title) } : {}),
      ...(born ? { birthDate: born } : {}),
      ...(administrativeSex ? { sex: administrativeSex } : {}),
      ...Object.fromEntries(
        Object.entries(optional).filter(
          ([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
        ),
      ),
    },
  };
}
