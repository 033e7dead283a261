/**
 * What a screen may say about a patient's allergies (issue 14, item 4). An empty list alone cannot
 * tell "none" from "never sent" from "withheld", so the stored record carries `allergyStatus`
 * beside the list (in `patient.published`):
 *   recorded       the hospital system sent allergies: listed with their severity
 *   none-known     it sent a "no known allergies" statement (no-known-allergies.ts) and no allergen
 *   not-sent       the feed sent nothing about allergies for this patient (no status, no list)
 *   not-published  the facility's publishing policy withheld them (lib/census/publishing.ts)
 * Pure and browser-safe: the ward list, patient page, print views and the offline copy (whose data
 * comes back from IndexedDB, so is read defensively here) all word it the same way.
 */
import type { Allergy } from "@/lib/adt/events";

/** Stored in `published.allergyStatus` when the list alone would be misread. */
export type StoredAllergyStatus = "none-known" | "not-published";

export type AllergyState =
  | { kind: "recorded"; allergies: Allergy[] }
  | { kind: "none-known" }
  | { kind: "not-sent" }
  | { kind: "not-published" };

export const allergyStateText: Record<Exclude<AllergyState["kind"], "recorded">, string> = {
  "none-known": "No known allergies",
  "not-sent": "Allergies not sent by the hospital system",
  "not-published": "Allergies not published",
};

function readAllergies(value: unknown): Allergy[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): Allergy[] => {
    if (typeof item !== "object" || item === null) return [];
    const { text, severity } = item as { text?: unknown; severity?: unknown };
    if (typeof text !== "string" || !text.trim()) return [];
    return [typeof severity === "string" && severity.trim() ? { text, severity } : { text }];
  });
}

export function allergyStateOf(published: Readonly<Record<string, unknown>>): AllergyState {
  const allergies = readAllergies(published.allergies);
  // An allergen sent beside a "none" statement wins: listing it is the safe reading.
  if (allergies.length > 0) return { kind: "recorded", allergies };
  if (published.allergyStatus === "not-published") return { kind: "not-published" };
  if (published.allergyStatus === "none-known") return { kind: "none-known" };
  return { kind: "not-sent" };
}

/** "Penicillin – rash (severe)": the allergen with its severity, as every view prints it. */
export function allergyText(allergy: Allergy): string {
  return allergy.severity ? `${allergy.text} (${allergy.severity})` : allergy.text;
}
