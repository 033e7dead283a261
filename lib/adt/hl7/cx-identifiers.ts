/**
 * CX identifier lists (PID-3 patient identifier list, MRG-1 prior identifiers, PID-2): which
 * repetition is an NHS number and which is the MRN. CX-1 is the id, CX-4 the assigning authority
 * (an HD, so its parts are subcomponents: CX-4.1 namespace id, CX-4.2 universal id such as an
 * OID) and CX-5 the identifier type (table 0203).
 */
import type { Hl7Message } from "@/lib/hl7/message";

export interface CxIdentifier {
  id: string;
  /** 1-based repetition in the field, for ERR-2 locations such as "PID-3[2]". */
  repetition: number;
  /** CX-4.1 */
  namespace: string;
  /** CX-4.2 */
  universalId: string;
  /** CX-5 */
  type: string;
}

/** Non-empty repetitions of a CX field; `path` is e.g. "PID-3", "PID[2]-3" or "MRG[1]-1". */
export function cxIdentifiers(message: Hl7Message, path: string): CxIdentifier[] {
  const at = (suffix: string) => message.getAll(`${path}${suffix}`);
  const [namespaces, universalIds, types] = [at(".4.1"), at(".4.2"), at(".5")];
  return at(".1")
    .map((id, i) => ({
      id: id.trim(),
      repetition: i + 1,
      namespace: (namespaces[i] ?? "").trim(),
      universalId: (universalIds[i] ?? "").trim(),
      type: (types[i] ?? "").trim(),
    }))
    .filter((identifier) => identifier.id !== "");
}

/**
 * How UK feeds mark the NHS number, in CX-4 or CX-5: NHS England ITK sends authority NHS with type
 * NH; PAS and engine exports send NHSNBR, NHSNMBR or "NHS Number"; HL7 UK and FHIR-derived feeds
 * send the NHS number OID 2.16.840.1.113883.2.1.4.1 (in CX-4.2, or CX-4.1, sometimes as urn:oid:).
 * HN was accepted as a type before this list was written down and is kept so no feed regresses.
 * Compared ignoring case and spaces.
 */
const nhsForms = new Set(["NHS", "NH", "NHSNBR", "NHSNMBR", "NHSNUMBER", "HN", "2.16.840.1.113883.2.1.4.1"]);

const canonical = (value: string) =>
  value
    .trim()
    .replace(/^urn:oid:/i, "")
    .replace(/\s+/g, "")
    .toUpperCase();

/** True for a value of CX-4.1, CX-4.2 or CX-5 that marks an NHS number. */
export function isNhsForm(value: string): boolean {
  return nhsForms.has(canonical(value));
}

export function isNhsIdentifier(identifier: CxIdentifier): boolean {
  return [identifier.namespace, identifier.universalId, identifier.type].some(isNhsForm);
}

/** No authority and no type: nothing says which scheme the id belongs to. */
export function isUntyped(identifier: CxIdentifier): boolean {
  return !identifier.namespace && !identifier.universalId && !identifier.type;
}

// Table 0203: MR medical record number, PI patient internal identifier, PT patient external id.
const localTypes = new Set(["MR", "PI", "PT"]);

export interface MrnChoice {
  identifier: CxIdentifier;
  /** True when MRN authorities are configured but none matched, so the default rule chose. */
  configuredAuthorityMissing: boolean;
}

/**
 * The MRN among the non-NHS identifiers. With authorities configured for the source (the API
 * client's MRN authorities, in order of preference), the first identifier whose CX-4.1 or CX-4.2
 * matches one wins; otherwise (the default rule) the first of type MR/PI/PT, else the first.
 */
export function chooseMrn(
  identifiers: readonly CxIdentifier[],
  mrnAuthorities: readonly string[] = [],
): MrnChoice | undefined {
  const local = identifiers.filter((identifier) => !isNhsIdentifier(identifier));
  for (const authority of mrnAuthorities.map(canonical)) {
    const match = local.find((identifier) =>
      [identifier.namespace, identifier.universalId].some((part) => part && canonical(part) === authority),
    );
    if (match) return { identifier: match, configuredAuthorityMissing: false };
  }
  const fallback = local.find((identifier) => localTypes.has(identifier.type.toUpperCase())) ?? local[0];
  return fallback && { identifier: fallback, configuredAuthorityMissing: mrnAuthorities.length > 0 };
}
