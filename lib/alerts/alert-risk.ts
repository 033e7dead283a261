/**
 * Which alerts must not be missed (issue 14, item 4): resuscitation status (DNACPR), safeguarding,
 * infection control and anaphylaxis are high risk and shown with a "HIGH RISK" label, an icon and
 * the words, never colour alone; the rest (falls risk, hearing aid, ...) are routine flags. Alerts
 * arrive as free text (HL7 ZAL-2, FHIR Flag.code text), so this matches the common spellings,
 * case-insensitively, and errs towards high risk. Pure and browser-safe.
 */
import type { Allergy } from "@/lib/adt/events";

export type HighRiskCategory = "resuscitation" | "safeguarding" | "infection" | "anaphylaxis";

export type AlertRisk = { risk: "high"; category: HighRiskCategory } | { risk: "routine" };

export const highRiskCategoryText: Record<HighRiskCategory, string> = {
  resuscitation: "Resuscitation status",
  safeguarding: "Safeguarding",
  infection: "Infection control",
  anaphylaxis: "Anaphylaxis / severe allergy",
};

// Matched against lower-case text with dots, hyphens and underscores turned to spaces.
const patterns: readonly [HighRiskCategory, RegExp][] = [
  [
    "resuscitation",
    /\bu? ?dna ?c?pr\b|\bdnar\b|\bdnr\b|\bdo not (?:attempt )?(?:cardio ?pulmonary )?resus|\bnot for (?:cpr|resus)|\bresus(?:citation)? (?:status|decision)|\brespect form\b|\bno cpr\b/,
  ],
  [
    "safeguarding",
    /safeguard|child protection|\bcp plan\b|\bchild in need\b|vulnerable adult|adult at risk|\bdols\b|deprivation of liberty|domestic (?:abuse|violence)|\bmappa\b/,
  ],
  [
    "infection",
    /\bmrsa\b|\bc ?diff|clostridi|infection (?:control|risk|prevention)|\bisolat|barrier nurs|\bcpe\b|\bvre\b|\besbl\b|\bcovid|norovirus|\btb\b|tubercul|\bcjd\b|\bmdro\b|carbapenem/,
  ],
  ["anaphylaxis", /anaphyla|severe allerg|\bepi ?pen\b/],
];

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[._\-–/]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function classifyAlert(text: string): AlertRisk {
  const normalised = normalise(text);
  for (const [category, pattern] of patterns) {
    if (pattern.test(normalised)) return { risk: "high", category };
  }
  return { risk: "routine" };
}

/** A severe allergy is an anaphylaxis risk: severe reaction, high criticality, or anaphylaxis named. */
export function isHighRiskAllergy(allergy: Allergy): boolean {
  const severity = allergy.severity?.toLowerCase() ?? "";
  if (severity === "severe" || severity === "high criticality") return true;
  return /anaphyla/.test(normalise(allergy.text));
}

/** Alerts split for display: high-risk first (in the order sent), routine after. */
export function splitAlerts(alerts: readonly string[]): {
  high: { text: string; category: HighRiskCategory }[];
  routine: string[];
} {
  const high: { text: string; category: HighRiskCategory }[] = [];
  const routine: string[] = [];
  for (const text of alerts) {
    const risk = classifyAlert(text);
    if (risk.risk === "high") high.push({ text, category: risk.category });
    else routine.push(text);
  }
  return { high, routine };
}

/** The alerts in a stored `published` record, read defensively (the offline copy is untrusted). */
export function publishedAlerts(published: Readonly<Record<string, unknown>>): string[] {
  const alerts = published.alerts;
  return Array.isArray(alerts)
    ? alerts.filter((alert): alert is string => typeof alert === "string" && alert.trim() !== "")
    : [];
}
