/**
 * The repeating patient segments: AL1 allergies, NK1 next of kin, ZAL alerts (a local Z-segment,
 * ZAL-2 the alert text). An AL1 that cannot be read is left out with a warning, so the sender
 * learns the ward list is missing an allergy they sent; the other AL1 segments are kept.
 */
import { isNoKnownAllergyStatement } from "@/lib/allergies/no-known-allergies";
import type { Hl7Message } from "@/lib/hl7/message";
import type { Allergy, NextOfKin } from "../events";
import type { MappingWarning } from "./mapping-result";
import { displayCase, personName } from "./names";

// HL7 table 0128 allergy severity.
const severities: Record<string, string> = { SV: "severe", MO: "moderate", MI: "mild", U: "unknown" };

/**
 * Whether an AL1 says "no known allergies" (AL1-3 is a statement such as NKA or SNOMED CT 716186003,
 * lib/allergies/no-known-allergies.ts) rather than naming an allergen; such an AL1 is not an allergy.
 */
export function sentNoKnownAllergies(message: Hl7Message): boolean {
  return message.segments("AL1").some((_, i) =>
    isNoKnownAllergyStatement({
      code: message.get(`AL1[${i + 1}]-3.1`),
      text: message.get(`AL1[${i + 1}]-3.2`),
    }),
  );
}

/** AL1-3 allergen (CWE: 2 text, else 1 code), AL1-4 severity, AL1-5 reaction. */
export function allergies(message: Hl7Message, warnings: MappingWarning[]): Allergy[] {
  return message.segments("AL1").flatMap((_, i) => {
    const path = `AL1[${i + 1}]`;
    const code = message.get(`${path}-3.1`);
    if (isNoKnownAllergyStatement({ code, text: message.get(`${path}-3.2`) })) return [];
    const text = message.get(`${path}-3.2`) || code;
    if (!text.trim()) {
      // A bare AL1 (set id only) loses nothing; one with a type, severity or reaction does.
      const sentOther = [2, 4, 5].some((n) => message.get(`${path}-${n}`).trim() !== "");
      if (!sentOther) return [];
      warnings.push({
        location: `${path}-3`,
        code: "101",
        message: `${path}-3 (allergen) is empty; that allergy was dropped`,
      });
      return [];
    }
    const severityCode = message.get(`${path}-4.1`).toUpperCase();
    const severity = severities[severityCode] ?? (message.get(`${path}-4.2`) || undefined);
    if (severityCode.trim() && !severity) {
      warnings.push({
        location: `${path}-4`,
        code: "103",
        message: `${path}-4 (allergy severity) is not a code of HL7 table 0128; the severity was dropped`,
      });
    }
    const reaction = message.get(`${path}-5`);
    return [{ text: reaction ? `${text} – ${reaction}` : text, ...(severity ? { severity } : {}) }];
  });
}

/** NK1-2 name (XPN), NK1-3 relationship (CWE), NK1-5 phone (XTN: 1 number, else 12 unformatted). */
export function nextOfKin(message: Hl7Message): NextOfKin[] {
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

export function alerts(message: Hl7Message): string[] {
  return message
    .segments("ZAL")
    .map((_, i) => message.get(`ZAL[${i + 1}]-2`))
    .filter(Boolean);
}
