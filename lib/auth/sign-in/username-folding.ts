/**
 * One spelling per Windows account name, whatever characters it arrived in. Look-alikes are the
 * danger: JavaScript lower-cases the Kelvin sign (U+212A) to a plain "k", and NFKC turns
 * full-width letters into ASCII ones, so "TRUST\<Kelvin sign>ate" would become "trust\kate". Names are
 * folded for comparison (NFKC, then lower case: Unicode's NFKC_Casefold as far as any DOMAIN\user
 * character goes), and a name sent with non-ASCII characters is checked as such (sign-in-username.ts).
 */

export function foldUsername(raw: string): string {
  return raw.trim().normalize("NFKC").toLowerCase().normalize("NFKC");
}

export function isAscii(value: string): boolean {
  return [...value].every((char) => char.codePointAt(0)! <= 0x7f);
}

/** For the audit log: what was sent, with every non-ASCII character as \uXXXX so it can be seen. */
export function escapedForAudit(raw: string): string {
  return raw
    .trim()
    .replace(/[^\x20-\x7e]/gu, (char) =>
      Array.from(char)
        .map((unit) => `\\u${unit.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`)
        .join(""),
    )
    .slice(0, 96);
}
