import { z } from "zod";
import { type Identifier, identifier, type Reference } from "./datatypes";
import { identifierMatches } from "./read-datatypes";

/**
 * Resolving references inside one request, following R4 Bundle "Resolving references in Bundles"
 * (https://hl7.org/fhir/R4/bundle.html#references):
 *   - "#id" is a resource contained in the referring resource (Resource.contained);
 *   - an absolute reference ("urn:uuid:…", "http://…/Patient/1") matches an entry's fullUrl exactly;
 *   - a relative one ("Patient/1", optionally "/_history/n") matches an entry whose fullUrl ends with it,
 *     or whose resourceType and id are those;
 *   - a conditional one ("Patient?identifier=system|value", transaction.html#cond-ref) and a logical
 *     one (Reference.identifier) match a resource of that type holding that identifier.
 * Nothing is fetched: a reference outside the request is simply unresolved (encounter-subject.ts
 * then looks for a patient sent before). A reference that fits two Patients is unresolved too:
 * guessing between them is how a stay or an allergy lands on the wrong person. For the supporting
 * types (Location, Organization, Practitioner) the first match is kept, as duplicates there are
 * usually the same site or person sent twice.
 */

export interface IndexedResource {
  /** Bundle.entry index (0 for a resource posted on its own). */
  index: number;
  fullUrl?: string;
  resourceType: string;
  id?: string;
  resource: Record<string, unknown>;
}

const identifiers = z.array(identifier).catch([]);
const idOf = (resource: Record<string, unknown>) =>
  typeof resource.id === "string" ? resource.id : undefined;

export function indexResource(
  index: number,
  resource: Record<string, unknown>,
  fullUrl?: string,
): IndexedResource {
  const resourceType = typeof resource.resourceType === "string" ? resource.resourceType : "";
  return { index, fullUrl, resourceType, id: idOf(resource), resource };
}

export function identifiersOf(resource: Record<string, unknown>): Identifier[] {
  return identifiers.parse(resource.identifier ?? []);
}

/** The identifier a conditional reference searches for, e.g. "Patient?identifier=sys|123". */
export function conditionalIdentifier(
  reference: string | undefined,
): { system?: string; value: string } | undefined {
  const query = /^[A-Za-z]+\?(.*)$/.exec(reference ?? "")?.[1];
  const token = query === undefined ? null : new URLSearchParams(query).get("identifier");
  if (!token) return undefined;
  const bar = token.indexOf("|");
  return bar < 0 ? { value: token } : { system: token.slice(0, bar), value: token.slice(bar + 1) };
}

export class ResourceIndex {
  constructor(readonly entries: readonly IndexedResource[]) {}

  /** The resource of `type` that `ref` points at, or undefined (always, for an ambiguous Patient). */
  resolve(ref: Reference | undefined, type: string, from?: IndexedResource): IndexedResource | undefined {
    const found = this.resolveAll(ref, type, from);
    return type === "Patient" && found.length > 1 ? undefined : found[0];
  }

  /** Every resource of `type` that `ref` could mean, so a caller can refuse an ambiguous one. */
  resolveAll(ref: Reference | undefined, type: string, from?: IndexedResource): IndexedResource[] {
    const text = ref?.reference?.trim();
    if (text?.startsWith("#")) return this.contained(text.slice(1), type, from);
    if (text?.includes("?")) {
      const conditional = text.startsWith(`${type}?`) ? conditionalIdentifier(text) : undefined;
      return conditional ? this.byIdentifier(type, conditional) : [];
    }
    if (text) {
      const found = this.byUrl(text.replace(/\/_history\/[^/]+$/, ""), type);
      if (found.length > 0) return found;
    }
    return ref?.identifier?.value
      ? this.byIdentifier(type, { ...ref.identifier, value: ref.identifier.value })
      : [];
  }

  private byUrl(url: string, type: string): IndexedResource[] {
    const ofType = this.entries.filter((entry) => entry.resourceType === type);
    const exact = ofType.filter((entry) => entry.fullUrl === url);
    if (exact.length > 0 || /^[a-z][a-z0-9+.-]*:/i.test(url)) return exact;
    const [refType, refId] = url.split("/");
    return ofType.filter(
      (entry) =>
        entry.fullUrl?.endsWith(`/${url}`) || (refType === type && refId !== undefined && entry.id === refId),
    );
  }

  private byIdentifier(type: string, wanted: { system?: string; value: string }): IndexedResource[] {
    return this.entries.filter(
      (entry) =>
        entry.resourceType === type &&
        identifiersOf(entry.resource).some((id) => identifierMatches(id, wanted.system, wanted.value)),
    );
  }

  private contained(id: string, type: string, from: IndexedResource | undefined): IndexedResource[] {
    const contained = Array.isArray(from?.resource.contained) ? from.resource.contained : [];
    const resource = contained.find(
      (item): item is Record<string, unknown> =>
        typeof item === "object" && item !== null && item.resourceType === type && item.id === id,
    );
    return resource && from ? [indexResource(from.index, resource, `${from.fullUrl ?? ""}#${id}`)] : [];
  }
}
