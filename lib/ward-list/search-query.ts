/**
 * What a search box entry means. Staff type an NHS number as printed ("943 476 5919"), a
 * hospital number (MRN) as on a wristband, or part of a name. Only the query's type is ever
 * audited, never its text: the text is often a name or an identifier.
 */
import { AppError } from "@/lib/errors";

export type SearchQuery =
  | { type: "nhs"; nhsNumber: string; raw: string }
  | { type: "mrn"; mrn: string }
  | { type: "name"; terms: string[] };

export const maximumQueryLength = 100;

export function parseSearchQuery(input: string): SearchQuery {
  const raw = input.trim().replace(/\s+/g, " ");
  if (raw.length > maximumQueryLength) throw new AppError("bad_request", "That search is too long");
  const compact = raw.replace(/[\s-]/g, "");
  // NHS numbers are 10 digits, printed 3-3-4 with spaces (or dashes on some letters).
  if (/^\d{10}$/.test(compact)) return { type: "nhs", nhsNumber: compact, raw };
  // Hospital numbers carry digits; names do not. Exact match, case-insensitive.
  if (/\d/.test(raw)) {
    if (raw.length < 2 || /\s/.test(raw)) throw new AppError("bad_request", "Enter a full hospital number");
    return { type: "mrn", mrn: raw };
  }
  // "Smith", "smi", "Smith John" or "Smith, John": every term must match a family or given name.
  const terms = raw
    .split(/[\s,]+/)
    .map((term) => term.toLowerCase())
    .filter((term) => term.length > 0);
  if (terms.length === 0 || terms.some((term) => term.length < 2)) {
    throw new AppError("bad_request", "Enter at least 2 letters of a name");
  }
  return { type: "name", terms: terms.slice(0, 4) };
}

/** A LIKE pattern that matches the term literally anywhere (% and _ in a name are not wildcards). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}
