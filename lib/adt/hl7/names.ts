/** Person names in HL7 v2 data types XPN (PID-5, NK1-2) and XCN (PV1-7, PV1-9). */
import type { Hl7Message } from "@/lib/hl7/message";

const clean = (value: string) => value.trim().replace(/\s+/g, " ");

/** A practitioner name (XCN): "Dr Samuel Darwin" from 6 prefix, 3 given, 2 family; else the id. */
export type PractitionerReading =
  | { name: string }
  | { absent: true }
  /** Sent but unusable as a name: why, naming no value. */
  | { unreadable: string };

// XCN has 23 components in v2.5; any of them sent means the field was sent.
const xcnComponents = Array.from({ length: 23 }, (_, i) => i + 1);
// C0 and C1 controls: what a mangled escape sequence or a binary field leaves behind.
const hasControlCharacter = (text: string) =>
  [...text].some((char) => {
    const code = char.codePointAt(0)!;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
const hasLetter = (text: string) => /\p{L}/u.test(text);

/**
 * An XCN (PV1-7, PV1-9) read for display. Unreadable when sent but with control characters, a
 * family name (XCN-2) with no letter in it, or nothing to show: no family name, given name (XCN-3)
 * or id (XCN-1), only a prefix or an authority. A given name with no letter ("." as a placeholder)
 * is left out.
 */
export function readPractitionerName(message: Hl7Message, path: string): PractitionerReading {
  const sent = xcnComponents.some((n) => message.get(`${path}.${n}`).trim() !== "");
  if (!sent) return { absent: true };
  const [id = "", family = "", sentGiven = "", prefix = ""] = [1, 2, 3, 6].map((n) =>
    clean(message.get(`${path}.${n}`)),
  );
  if ([id, family, sentGiven, prefix].some(hasControlCharacter)) {
    return { unreadable: "contains control characters" };
  }
  if (family && !hasLetter(family)) return { unreadable: "has a family name with no letters" };
  const given = hasLetter(sentGiven) ? sentGiven : "";
  if (!family && !given) return id ? { name: id } : { unreadable: "has no name or identifier" };
  return { name: [prefix, given, family].filter(Boolean).map(displayCase).join(" ") };
}

export interface PersonName {
  family: string;
  given?: string;
  title?: string;
}

/** XPN: 1 family (FN.1 surname), 2 given, 3 further given names, 5 prefix. */
export function personName(message: Hl7Message, path: string): PersonName {
  const given = [message.get(`${path}.2`), message.get(`${path}.3`)].map(clean).filter(Boolean).join(" ");
  return {
    family: clean(message.get(`${path}.1.1`)),
    ...(given ? { given } : {}),
    ...(clean(message.get(`${path}.5`)) ? { title: clean(message.get(`${path}.5`)) } : {}),
  };
}

/** Title case for names sent in capitals ("SMITH" → "Smith"), leaving mixed case alone. */
export function displayCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}
