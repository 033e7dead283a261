/**
 * HL7 v2 delimiters. A message declares its own: the field separator is MSH-1 (the character right after
 * "MSH") and the encoding characters are MSH-2, in the order component, repetition, escape, subcomponent
 * and, from v2.7, truncation (chapter 2, "Message delimiters").
 * Nothing here assumes "|^~\&": real senders use "^~\}", "^~}", "^~ &" or a doubled "^~\\&".
 */

export interface Hl7Encoding {
  /** MSH-1. */
  readonly field: string;
  readonly component: string;
  readonly repetition: string;
  /** null when MSH-2 declares none (or an unusable one): text is then taken literally. */
  readonly escape: string | null;
  /** null when MSH-2 declares none: subcomponents are then not split. */
  readonly subcomponent: string | null;
  /** v2.7+ truncation character (usually "#"), null before v2.7. */
  readonly truncation: string | null;
}

export interface EncodingReading {
  readonly encoding: Hl7Encoding;
  /** Notes about a non-standard MSH-2; never contain message content. */
  readonly warnings: readonly string[];
}

/** The delimiters the standard recommends, used for messages we build when the original's are unusable. */
export const STANDARD_ENCODING: Hl7Encoding = {
  field: "|",
  component: "^",
  repetition: "~",
  escape: "\\",
  subcomponent: "&",
  truncation: null,
};

/** Delimiters must be distinct, non-alphanumeric, printable characters (chapter 2, delimiters). */
export function isUsableDelimiter(char: string | undefined, taken: readonly string[]): char is string {
  return char !== undefined && char.length === 1 && !/[A-Za-z0-9\s]/.test(char) && !taken.includes(char);
}

/**
 * Reads MSH-2 leniently. The doubled escape character ("^~\\&", seen from engines that escaped the
 * backslash in source code) is read as one escape character followed by the subcomponent separator.
 */
export function readEncoding(fieldSeparator: string, msh2: string): EncodingReading {
  const warnings: string[] = [];
  if (msh2 === "") {
    warnings.push("MSH-2 is empty; assuming the standard encoding characters ^~\\&");
    return { encoding: { ...STANDARD_ENCODING, field: fieldSeparator }, warnings };
  }
  let chars = [...msh2];
  if (chars.length === 5 && chars[2] === chars[3]) {
    warnings.push("MSH-2 has a doubled escape character; reading it as one");
    chars = [chars[0]!, chars[1]!, chars[2]!, chars[4]!];
  }
  if (chars.length > 5) warnings.push("MSH-2 has more than five characters; the extra ones are ignored");
  if (chars.length < 4) warnings.push(`MSH-2 declares only ${chars.length} encoding characters`);

  const taken = [fieldSeparator];
  const pick = (index: number, name: string): string | null => {
    const char = chars[index];
    if (char === undefined) return null;
    if (!isUsableDelimiter(char, taken)) {
      warnings.push(`MSH-2 ${name} character is not a usable delimiter; ignoring it`);
      return null;
    }
    taken.push(char);
    return char;
  };
  // Component and repetition separators fall back to the standard ones when missing or unusable:
  // without them no composite field could be read at all, and senders that omit them still use ^ and ~.
  const component = pick(0, "component") ?? fallback("^", taken);
  const repetition = pick(1, "repetition") ?? fallback("~", taken);
  const escapeChar = pick(2, "escape");
  const subcomponent = pick(3, "subcomponent");
  const truncation = pick(4, "truncation");
  return {
    encoding: { field: fieldSeparator, component, repetition, escape: escapeChar, subcomponent, truncation },
    warnings,
  };
}

function fallback(standard: string, taken: string[]): string {
  // If even the standard character is taken (e.g. "^" as field separator) use a control character that
  // cannot occur in text, so nothing is split rather than something being split wrongly.
  const char = taken.includes(standard) ? "\u0000" : standard;
  taken.push(char);
  return char;
}

/** True when every delimiter needed to escape arbitrary text is present (so we can build with it). */
export function isCompleteEncoding(encoding: Hl7Encoding): boolean {
  return (
    encoding.escape !== null &&
    encoding.subcomponent !== null &&
    encoding.component !== "\u0000" &&
    encoding.repetition !== "\u0000"
  );
}

/** MSH-2 as we print it in messages we build: canonical order, no doubled escape. */
export function encodingCharacters(encoding: Hl7Encoding): string {
  return [
    encoding.component,
    encoding.repetition,
    encoding.escape ?? "",
    encoding.subcomponent ?? "",
    encoding.truncation ?? "",
  ].join("");
}
