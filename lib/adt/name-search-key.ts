/**
 * The search key of a patient's name: what search compares and sorts on instead of the name.
 * Aurora DSQL supports only the C collation, where `lower()` folds ASCII letters only and `ORDER
 * BY` compares bytes, so "MÜLLER" would not match "müller" and "Łukasz" would sort after "Zoe".
 * The key is computed here, in the app, the same way when a name is written and when a query is
 * typed, so every database (PGlite, PostgreSQL, DSQL) compares the same plain text.
 *
 * The rule, in order:
 * 1. Unicode compatibility decomposition (NFKD), then drop every combining mark: "Müller" →
 *    "Muller", "Siân" → "Sian", "Nguyễn" → "Nguyen", "Çelik" → "Celik"; ligatures and full-width
 *    letters become their plain letters ("ﬁ" → "fi").
 * 2. Letters that have no decomposition become their usual Latin transliteration: ß → ss,
 *    æ → ae, œ → oe, ø → o, ł → l, đ/ð → d, þ → th, ħ → h, ı → i, ŧ → t.
 * 3. Lower case, locale-independent (`toLowerCase`, never the server's locale).
 * 4. Apostrophes, hyphens, dots and other punctuation inside a name are removed, not turned into
 *    spaces: "O'Brien", "OBrien" and "O’Brien" all key to "obrien", "Smith-Jones" to
 *    "smithjones". Spaces stay (one space between words), so "o brien" is two words ("o" and
 *    "brien") and "van der Berg" keys to "van der berg".
 */

const transliterations: Record<string, string> = {
  ß: "ss",
  ẞ: "ss",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ø: "o",
  Ø: "o",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  ð: "d",
  Ð: "d",
  þ: "th",
  Þ: "th",
  ħ: "h",
  Ħ: "h",
  ı: "i",
  ŧ: "t",
  Ŧ: "t",
};

const combiningMarks = /\p{M}+/gu;
const untransliterated = /[ßẞæÆœŒøØłŁđĐðÐþÞħĦıŧŦ]/g;
/** Anything that is neither a letter, a digit nor a space: apostrophes, hyphens, dots, commas. */
const punctuation = /[^\p{L}\p{N}\s]+/gu;

export function nameSearchKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(combiningMarks, "")
    .replace(untransliterated, (letter) => transliterations[letter] ?? letter)
    .toLowerCase()
    .replace(punctuation, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The key of an optional name (given names): null stays null, so "no given names" is kept. */
export function optionalNameSearchKey(name: string | null | undefined): string | null {
  return name === null || name === undefined ? null : nameSearchKey(name);
}
