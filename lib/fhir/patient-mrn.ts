/**
 * The census MRN string for a FHIR Identifier. The census keys a patient on (facility, MRN)
 * (lib/census/patient-store.ts), while a FHIR Identifier is the pair (system, value)
 * (https://hl7.org/fhir/R4/datatypes.html#Identifier): the same value in two systems names two
 * people. So the pair becomes one string, and two different pairs never become the same string:
 *
 *   system                                      MRN string
 *   one of the source's MRN authorities         the value alone: what HL7 v2 feeds file it under
 *     (ApiClient.mrnAuthorities)                (PID-3 CX-1), so both feeds of that PAS reach one patient
 *   the NHS number (either system URI)          "https://fhir.nhs.uk/Id/nhs-number|" + the 10 digits
 *   any other system                            system + "|" + value (the FHIR token form, search.html#token)
 *   none                                        "|" + value (the token form for "no system")
 *
 * Why it cannot collide: a bare value never contains "|" (one that does is qualified instead), and in
 * a qualified string the system never contains "|" (it is percent-encoded, as RFC 3986 asks of a URI),
 * so the first "|" splits every qualified string back into its pair. The MRN authorities must all be
 * spellings of one numbering, the PAS's (a URL, an OID with or without "urn:oid:"): values of two
 * numberings listed there would share the bare form, in HL7 v2 as here.
 */

export const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
/** UK Core first; the CareConnect STU3 URI names the same numbering. */
export const NHS_NUMBER_SYSTEMS: readonly string[] = [NHS_NUMBER_SYSTEM, "http://fhir.nhs.net/Id/nhs-number"];

export interface MrnSystemOptions {
  /**
   * The source's MRN authorities (ApiClient.mrnAuthorities, also read by the HL7 v2 mapper for PID-3
   * CX-4): Identifier.system URIs, or OIDs, of the PAS numbering, most preferred first.
   */
  mrnSystems?: readonly string[];
}

export const isNhsNumberSystem = (system: string | undefined) =>
  system !== undefined && NHS_NUMBER_SYSTEMS.includes(system.trim());

/** Compared as the HL7 v2 mapper compares CX-4: an OID with or without "urn:oid:", case and spaces aside. */
const canonical = (system: string) =>
  system
    .trim()
    .replace(/^urn:oid:/i, "")
    .replace(/\s+/g, "")
    .toUpperCase();

/** Index of the first MRN authority that `system` names, or -1. */
export function mrnSystemRank(system: string | undefined, options: MrnSystemOptions): number {
  if (!system?.trim()) return -1;
  const wanted = canonical(system);
  return (options.mrnSystems ?? []).findIndex((authority) => canonical(authority) === wanted);
}

/**
 * The MRN string for (system, value); see the table above. An NHS number's value must already be
 * its normalised 10 digits (nhs-number.ts), so "999 000 0018" and "9990000018" are one patient.
 */
export function mrnOf(system: string | undefined, value: string, options: MrnSystemOptions): string {
  const trimmed = value.trim();
  const sent = system?.trim() || undefined;
  if (isNhsNumberSystem(sent)) return `${NHS_NUMBER_SYSTEM}|${trimmed}`;
  const rank = mrnSystemRank(sent, options);
  if (rank >= 0) {
    if (!trimmed.includes("|")) return trimmed;
    // Qualified under the first authority, so every spelling of the PAS still gives one string.
    return `${qualifier(options.mrnSystems![0]!)}|${trimmed}`;
  }
  return `${qualifier(sent ?? "")}|${trimmed}`;
}

const qualifier = (system: string) => system.trim().replaceAll("|", "%7C");
