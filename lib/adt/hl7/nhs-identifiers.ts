/**
 * Where a message carries the NHS number, and whether it can be trusted.
 *
 * 1. PID-3 repetitions marked as NHS numbers (cx-identifiers.ts `isNhsIdentifier`). Every such
 *    repetition must pass the modulus-11 check and all must agree; otherwise the finding is
 *    "invalid" and no NHS number is kept.
 * 2. Only when PID-3 has no NHS repetition: PID-2 (patient ID, external; retained for backward
 *    compatibility since v2.3.1), then PID-19 (SSN number, which UK v2.3 feeds used for the NHS
 *    number). These are used only when the value passes modulus 11, and PID-2 only when it is
 *    untyped or marked NHS. A value that fails is taken to be some other scheme's id and ignored
 *    quietly, with one exception: a PID-2 explicitly marked NHS that fails is "invalid". PID-2 and
 *    PID-19 that both pass but disagree are "invalid" too.
 *
 * An "invalid" finding never stores a number: a wrong NHS number on a ward list is a patient-safety
 * hazard. What it does to the message is decided in map-patient.ts (warning or refusal).
 */
import type { Hl7Message } from "@/lib/hl7/message";
import { isValidNhsNumber, normaliseNhsNumber } from "../nhs-number";
import { cxIdentifiers, isNhsIdentifier, isUntyped } from "./cx-identifiers";

export type NhsNumberFinding =
  | { kind: "none" }
  | { kind: "valid"; nhsNumber: string }
  /** `location` and `reason` name fields and repetitions, never the digits. */
  | { kind: "invalid"; location: string; reason: string };

const none: NhsNumberFinding = { kind: "none" };

/** The 10 digits when the value passes modulus 11, else null. */
function checked(value: string): string | null {
  const digits = normaliseNhsNumber(value);
  return digits && isValidNhsNumber(digits) ? digits : null;
}

/** `pid` names the PID occurrence: "PID", or "PID[2]" for the second patient of a merge. */
export function findNhsNumber(message: Hl7Message, pid: string): NhsNumberFinding {
  const marked = cxIdentifiers(message, `${pid}-3`).filter(isNhsIdentifier);
  return marked.length > 0 ? fromPatientIdentifierList(marked, pid) : fromLegacyFields(message, pid);
}

function fromPatientIdentifierList(marked: ReturnType<typeof cxIdentifiers>, pid: string): NhsNumberFinding {
  const failing = marked.find((identifier) => !checked(identifier.id));
  if (failing) {
    return {
      kind: "invalid",
      location: `${pid}-3[${failing.repetition}]`,
      reason: `PID-3 repetition ${failing.repetition}: the NHS number fails its modulus-11 check`,
    };
  }
  const distinct = [...new Set(marked.map((identifier) => checked(identifier.id)!))];
  if (distinct.length > 1) {
    return { kind: "invalid", location: `${pid}-3`, reason: "PID-3 carries two different NHS numbers" };
  }
  return { kind: "valid", nhsNumber: distinct[0]! };
}

function fromLegacyFields(message: Hl7Message, pid: string): NhsNumberFinding {
  const [external] = cxIdentifiers(message, `${pid}-2`);
  let fromExternal: string | null = null;
  if (external && isNhsIdentifier(external)) {
    fromExternal = checked(external.id);
    if (!fromExternal) {
      return {
        kind: "invalid",
        location: `${pid}-2`,
        reason: "PID-2 is marked as an NHS number but fails its modulus-11 check",
      };
    }
  } else if (external && isUntyped(external)) {
    fromExternal = checked(external.id);
  }
  const fromSsnField = checked(message.get(`${pid}-19`));
  if (fromExternal && fromSsnField && fromExternal !== fromSsnField) {
    return { kind: "invalid", location: `${pid}-19`, reason: "PID-2 and PID-19 carry different NHS numbers" };
  }
  const nhsNumber = fromExternal ?? fromSsnField;
  return nhsNumber ? { kind: "valid", nhsNumber } : none;
}
