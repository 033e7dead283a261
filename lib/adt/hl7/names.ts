/** Person names in HL7 v2 data types XPN (PID-5, NK1-2) and XCN (PV1-7, PV1-9). */
import type { Hl7Message } from "@/lib/hl7/message";

const clean = (value: string) => value.trim().replace(/\s+/g, " ");

/** "Dr Samuel Darwin" from an XCN (2 family, 3 given, 6 prefix); the id (XCN-1) when no name. */
export function practitionerName(message: Hl7Message, path: string): string | undefined {
  const family = clean(message.get(`${path}.2`));
  const given = clean(message.get(`${path}.3`));
  const prefix = clean(message.get(`${path}.6`));
  const name = [prefix, given, family].filter(Boolean).map(displayCase).join(" ");
  return name || clean(message.get(`${path}.1`)) || undefined;
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
