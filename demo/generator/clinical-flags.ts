/**
 * Allergies and alerts for synthetic people, at roughly the rates a UK ward sees: about one in ten
 * patients reports a penicillin allergy, and falls risk and DNACPR are common among the very old.
 * An allergy's text is "<allergen> – <reaction>"; the HL7 writer splits it back into AL1-3
 * (allergen) and AL1-5 (reaction), with AL1-2 (HL7 table 0127 type) looked up here.
 */
import type { Allergy } from "@/lib/adt/events";
import { chance } from "./distributions";
import type { Random } from "./random";

export type AllergenType = "DA" | "FA" | "MA" | "EA";

interface AllergenRule {
  allergen: string;
  /** HL7 table 0127: DA drug, FA food, MA miscellaneous, EA environmental. */
  type: AllergenType;
  rate: number;
  reactions: readonly string[];
}

const allergenRules: readonly AllergenRule[] = [
  {
    allergen: "Penicillin",
    type: "DA",
    rate: 0.1,
    reactions: ["rash", "urticaria", "anaphylaxis", "swelling"],
  },
  { allergen: "Codeine", type: "DA", rate: 0.025, reactions: ["vomiting", "confusion"] },
  { allergen: "NSAIDs", type: "DA", rate: 0.02, reactions: ["bronchospasm", "gastric bleed"] },
  { allergen: "Trimethoprim", type: "DA", rate: 0.015, reactions: ["rash"] },
  { allergen: "Morphine", type: "DA", rate: 0.01, reactions: ["itching", "hallucinations"] },
  { allergen: "Latex", type: "EA", rate: 0.01, reactions: ["contact dermatitis", "anaphylaxis"] },
  { allergen: "Elastoplast", type: "MA", rate: 0.01, reactions: ["blistering"] },
  { allergen: "Peanuts", type: "FA", rate: 0.008, reactions: ["anaphylaxis", "angioedema"] },
];

const severityByReaction: Record<string, Allergy["severity"]> = {
  anaphylaxis: "severe",
  angioedema: "severe",
  bronchospasm: "severe",
  "gastric bleed": "severe",
  swelling: "moderate",
  urticaria: "moderate",
  confusion: "moderate",
  hallucinations: "moderate",
};

/** HL7 table 0128 allergy severity. */
export const severityCodes: Record<string, string> = { severe: "SV", moderate: "MO", mild: "MI" };

export function allergenType(allergen: string): AllergenType {
  return allergenRules.find((rule) => rule.allergen === allergen)?.type ?? "MA";
}

export function drawAllergies(random: Random): Allergy[] {
  const allergies: Allergy[] = [];
  for (const rule of allergenRules) {
    if (!chance(random, rule.rate)) continue;
    const reaction = random.pick(rule.reactions);
    allergies.push({
      text: `${rule.allergen} – ${reaction}`,
      severity: severityByReaction[reaction] ?? "mild",
    });
  }
  return allergies;
}

/** Alerts as PAS systems word them; rates depend on age (years). */
const alertRules: readonly { text: string; rate: (age: number) => number }[] = [
  { text: "Falls risk", rate: (age) => (age >= 80 ? 0.3 : age >= 65 ? 0.1 : 0.01) },
  { text: "DNACPR in place", rate: (age) => (age >= 85 ? 0.25 : age >= 75 ? 0.1 : age >= 60 ? 0.02 : 0) },
  { text: "Dementia – This is me document", rate: (age) => (age >= 80 ? 0.15 : age >= 70 ? 0.04 : 0) },
  { text: "MRSA positive", rate: (age) => (age >= 18 ? 0.02 : 0.005) },
  { text: "Learning disability", rate: () => 0.015 },
  { text: "Safeguarding concern", rate: (age) => (age < 18 ? 0.04 : 0.005) },
  { text: "Clostridioides difficile – isolate", rate: (age) => (age >= 65 ? 0.01 : 0.002) },
];

export function drawAlerts(random: Random, age: number): string[] {
  return alertRules.filter((rule) => chance(random, rule.rate(age))).map((rule) => rule.text);
}

/** An alert not already present, for person updates (A31) that add one. */
export function drawNewAlert(random: Random, age: number, existing: readonly string[]): string | undefined {
  const candidates = alertRules.filter((rule) => rule.rate(age) > 0 && !existing.includes(rule.text));
  return candidates.length === 0 ? undefined : random.pick(candidates).text;
}
