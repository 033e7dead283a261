/**
 * What a search box entry means. Staff type an NHS number as printed ("943 476 5919"), a
 * hospital number (MRN) as on a wristband, part of a name, or a surname with a birth date
 * ("Jones 02/03/1945", UK day/month/year, or "Jones 1945-03-02"). Outside the user's wards only
 * an exact identifier or a surname with a birth date names anyone (search.ts), so the birth date
 * is read strictly: a date that does not exist is refused, never guessed at.
 */
import { nameSearchKey } from "@/lib/adt/name-search-key";
import { AppError } from "@/lib/errors";

export type SearchQuery =
  | { type: "nhs"; nhsNumber: string; raw: string }
  | { type: "mrn"; mrn: string }
  | { type: "name"; terms: string[] }
  /** `birthDate` is YYYY-MM-DD. */
  | { type: "name-birth-date"; terms: string[]; birthDate: string };

export const maximumQueryLength = 100;
const maximumTerms = 4;

const dateForms = "day/month/year (02/03/1945) or year-month-day (1945-03-02)";

/** Anything shaped like a date: digits in three parts split by `/`, `.` or `-`. */
const dateLike = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;
const ukDate = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A birth date as YYYY-MM-DD, from UK day/month/year or ISO year-month-day; refused if no such day. */
export function parseBirthDate(text: string): string {
  const uk = ukDate.exec(text);
  const iso = isoDate.exec(text);
  const parts = uk ? [uk[4], uk[3], uk[1]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (!parts) throw new AppError("bad_request", `Give the birth date as ${dateForms}`);
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31/02 over into March: a day that does not exist comes back different.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new AppError("bad_request", `That birth date does not exist: give it as ${dateForms}`);
  }
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Name terms as search keys (lib/adt/name-search-key.ts: case-folded, accents and apostrophes
 * gone, so "MÜLLER" finds Müller and "obrien" finds O'Brien): each at least 2 letters, at most
 * `maximumTerms` of them.
 */
function nameTerms(words: string[]): string[] {
  const terms = words.map(nameSearchKey).filter((word) => word.length > 0);
  if (terms.length === 0 || terms.some((term) => term.length < 2)) {
    throw new AppError("bad_request", "Enter at least 2 letters of a name");
  }
  return terms.slice(0, maximumTerms);
}

export function parseSearchQuery(input: string): SearchQuery {
  const raw = input.trim().replace(/\s+/g, " ");
  if (raw.length > maximumQueryLength) throw new AppError("bad_request", "That search is too long");
  const compact = raw.replace(/[\s-]/g, "");
  // NHS numbers are 10 digits, printed 3-3-4 with spaces (or dashes on some letters).
  if (/^\d{10}$/.test(compact)) return { type: "nhs", nhsNumber: compact, raw };
  // "Jones 02/03/1945", "Jones, Aled 1945-03-02": name terms and one birth date.
  const words = raw.split(/[\s,]+/).filter((word) => word.length > 0);
  const dates = words.filter((word) => dateLike.test(word));
  if (dates.length > 1) throw new AppError("bad_request", "Give one birth date");
  if (dates.length === 1) {
    const birthDate = parseBirthDate(dates[0]!);
    const rest = words.filter((word) => word !== dates[0]);
    if (rest.length === 0) throw new AppError("bad_request", "Add the surname to the birth date");
    if (rest.some((word) => /\d/.test(word))) {
      throw new AppError(
        "bad_request",
        "Search by a name with a birth date, or by an NHS number or MRN alone",
      );
    }
    return { type: "name-birth-date", terms: nameTerms(rest), birthDate };
  }
  // Hospital numbers carry digits; names do not. Exact match, case-insensitive.
  if (/\d/.test(raw)) {
    if (raw.length < 2 || /\s/.test(raw)) throw new AppError("bad_request", "Enter a full hospital number");
    return { type: "mrn", mrn: raw };
  }
  // "Smith", "smi", "Smith John" or "Smith, John": every term must match a family or given name.
  return { type: "name", terms: nameTerms(words) };
}

/** A LIKE pattern that matches the term literally anywhere (% and _ in a name are not wildcards). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}
