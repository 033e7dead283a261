import type { CodeableConcept, Coding, HumanName, Identifier } from "./datatypes";

/** Small readers over R4 datatypes, shared by the mappers. */

/** Human-readable text of a concept: CodeableConcept.text, then the first coding.display. */
export function conceptText(concept: CodeableConcept | undefined): string | undefined {
  const text = concept?.text?.trim() || concept?.coding?.find((c) => c.display?.trim())?.display?.trim();
  return text || undefined;
}

/** True when a coding (optionally of `system`) has one of `codes`, compared case-insensitively. */
export function hasCoding(
  codings: readonly Coding[] | undefined,
  codes: readonly string[],
  system?: string,
): boolean {
  const wanted = new Set(codes.map((code) => code.toLowerCase()));
  return (codings ?? []).some(
    (c) =>
      c.code !== undefined &&
      wanted.has(c.code.toLowerCase()) &&
      (!system || !c.system || c.system === system),
  );
}

export function conceptHasCode(
  concept: CodeableConcept | undefined,
  codes: readonly string[],
  system?: string,
): boolean {
  return hasCoding(concept?.coding, codes, system);
}

/** "Given Family" for display (next of kin, practitioners); HumanName.text wins when sent. */
export function displayName(name: HumanName | undefined): string | undefined {
  if (!name) return undefined;
  if (name.text?.trim()) return name.text.trim();
  const parts = [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ""].map((p) => p.trim());
  const joined = parts.filter((p) => p !== "").join(" ");
  return joined || undefined;
}

/** Identifier.use "old" marks a value no longer in use (R4 identifier-use). */
export function isCurrentIdentifier(id: Identifier): boolean {
  return id.use !== "old" && Boolean(id.value?.trim());
}

/**
 * Token search semantics (R4 search.html#token): `value` matches any system, `|value` only identifiers
 * without a system, `system|value` that system.
 */
export function identifierMatches(id: Identifier, system: string | undefined, value: string): boolean {
  if (id.value !== value) return false;
  if (system === undefined) return true;
  return system === "" ? !id.system : id.system === system;
}
