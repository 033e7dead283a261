import type { Location } from "@/lib/adt/events";
import type { CodeableConcept, Reference } from "./datatypes";
import { type IndexedResource, identifiersOf, type ResourceIndex } from "./references";
import { locationSchema } from "./supporting-schemas";
import type { FhirEncounter } from "./validate";

/**
 * Where an Encounter is: Encounter.location[] -> ward, room and bed.
 *
 * The rule (UK Core and most PAS feeds send one location entry per level):
 *   1. Current entries are those with status active or reserved (a bed held during leave) and no
 *      period.end; when none are, the last entry that is not "planned" (a finished stay keeps the
 *      place it was discharged from).
 *   2. Each entry's level is its physical type, Encounter.location.physicalType, else the referenced
 *      Location.physicalType (code system location-physical-type): "wa" ward, "ro" room, "bd" bed. An
 *      untyped entry is the ward; other types (site, building, wing, level…) are not a ward and are
 *      skipped. The last current entry of each level wins.
 *   3. A Location in the request is followed up Location.partOf (at most 3 steps) to fill levels still
 *      missing: a bed's parent room or ward. An untyped parent is the ward.
 *   4. A level's code is Location.identifier[0].value, else Location.name, else the reference's
 *      display (or identifier). Displays are not parsed: "Ward 1, Room 42, Bed 1" stays the ward
 *      code as sent, because guessing a structure would put patients in the wrong bed.
 * A transfer is a completed entry next to an active one (hasLocationMove); the completed entries give
 * priorLocation by the same rules.
 */

type Entry = NonNullable<FhirEncounter["location"]>[number];
type Level = keyof Location;

export interface EncounterPlace {
  location?: Location;
  priorLocation?: Location;
  /** Location.managingOrganization's identifier, a fallback for the facility code. */
  facilityCode?: string;
  /** period.start of the current entries (as sent; compared as instants by the caller). */
  currentStarts: string[];
}

const levelByPhysicalType: Record<string, Level> = { wa: "ward", ro: "room", bd: "bed" };

export function hasLocationMove(entries: readonly Entry[] | undefined): boolean {
  const list = entries ?? [];
  return (
    list.some((e) => e.status === "completed") && list.some((e) => e.status === "active" && !e.period?.end)
  );
}

export function encounterPlace(
  entries: readonly Entry[] | undefined,
  index: ResourceIndex,
  self: IndexedResource,
): EncounterPlace {
  const list = entries ?? [];
  const open = list.filter(
    (e) => (e.status ?? "active") !== "planned" && e.status !== "completed" && !e.period?.end,
  );
  const fallback = list.filter((e) => e.status !== "planned").slice(-1);
  const current = open.length > 0 ? open : fallback;
  const place = levels(current, index, self);
  const prior = hasLocationMove(list)
    ? levels(
        list.filter((e) => e.status === "completed"),
        index,
        self,
      )
    : undefined;
  return {
    ...(place.location ? { location: place.location } : {}),
    ...(prior?.location ? { priorLocation: prior.location } : {}),
    ...(place.facilityCode ? { facilityCode: place.facilityCode } : {}),
    currentStarts: current.flatMap((e) => (e.period?.start ? [e.period.start] : [])),
  };
}

function levels(entries: readonly Entry[], index: ResourceIndex, self: IndexedResource) {
  const location: Location = {};
  let facilityCode: string | undefined;
  for (const entry of entries) {
    let resolved = index.resolve(entry.location, "Location", self);
    let level = levelOf(entry.physicalType ?? parsed(resolved)?.physicalType);
    if (level) location[level] = codeOf(entry.location, resolved);
    // Walk up Location.partOf to fill what the entry itself does not say.
    for (let step = 0; resolved && step < 3; step++) {
      const current = parsed(resolved);
      facilityCode ??= organizationCode(current?.managingOrganization, index, resolved);
      resolved = index.resolve(current?.partOf, "Location", resolved);
      level = levelOf(parsed(resolved)?.physicalType);
      if (resolved && level && location[level] === undefined) location[level] = codeOf(undefined, resolved);
    }
  }
  const clean = Object.fromEntries(Object.entries(location).filter(([, v]) => v)) as Location;
  return { location: Object.keys(clean).length > 0 ? clean : undefined, facilityCode };
}

function levelOf(physicalType: CodeableConcept | undefined): Level | undefined {
  if (!physicalType?.coding?.length) return "ward";
  const codes = physicalType.coding.map((c) => c.code?.toLowerCase() ?? "");
  return codes.map((code) => levelByPhysicalType[code]).find(Boolean);
}

function parsed(resolved: IndexedResource | undefined) {
  const result = resolved && locationSchema.safeParse(resolved.resource);
  return result?.success ? result.data : undefined;
}

function codeOf(ref: Reference | undefined, resolved: IndexedResource | undefined): string | undefined {
  const location = parsed(resolved);
  const code = location?.identifier?.[0]?.value ?? location?.name ?? ref?.display ?? ref?.identifier?.value;
  return code?.trim() || undefined;
}

/** An organisation's code: the reference's own identifier, else the referenced Organization's first. */
export function organizationCode(
  ref: Reference | undefined,
  index: ResourceIndex,
  from: IndexedResource,
): string | undefined {
  const direct = ref?.identifier?.value?.trim();
  if (direct) return direct;
  const organization = index.resolve(ref, "Organization", from);
  return organization ? identifiersOf(organization.resource)[0]?.value?.trim() || undefined : undefined;
}
