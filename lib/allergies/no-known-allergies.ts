/**
 * "The hospital system recorded no allergies" as the feeds say it: an allergy entry whose allergen
 * is a no-known-allergy statement rather than an allergen. HL7 v2 sends it as an AL1 whose AL1-3
 * (allergen, CWE) is a local code such as NKA/NKDA or a SNOMED CT situation; FHIR R4 as an
 * AllergyIntolerance whose code is one (https://hl7.org/fhir/R4/allergyintolerance.html, "no known
 * allergies" example, SNOMED CT 716186003). Such an entry is a statement, not an allergen: it is
 * never listed as an allergy. Pure: no I/O, safe in the browser.
 */

/** SNOMED CT "no known ..." situations (finding context: known absent). */
export const noKnownAllergyCodes: ReadonlySet<string> = new Set([
  "716186003", // No known allergy
  "409137002", // No known drug allergy
  "429625007", // No known food allergy
  "428607008", // No known environmental allergy
  "428197003", // No known insect allergy
  "1003774007", // No known Hevea brasiliensis latex allergy
]);

/** Local codes and abbreviations hospital systems send in AL1-3.1 or as text. */
const abbreviations: ReadonlySet<string> = new Set(["NKA", "NKDA", "NKFA", "NKMA", "NKAL"]);

// The whole text must be the statement: "No known allergies but reacts to X" names an allergen.
const phrase =
  /^(?:patient has )?no known (?:drug |food |medication |environmental )?allerg(?:y|ies)(?: \(nk[a-z]*\))?\.?$/i;

/** Whether an allergen (code and/or text as sent) says "no known allergies" rather than naming one. */
export function isNoKnownAllergyStatement(allergen: { code?: string; text?: string }): boolean {
  const code = allergen.code?.trim().toUpperCase() ?? "";
  if (code && (noKnownAllergyCodes.has(code) || abbreviations.has(code))) return true;
  const text = allergen.text?.trim().replace(/\s+/g, " ") ?? "";
  if (!text) return false;
  return abbreviations.has(text.toUpperCase().replace(/\./g, "")) || phrase.test(text);
}
