/**
 * The beds an ADT event names: its current location (HL7 PV1-3, FHIR Encounter.location) and its
 * prior one (PV1-6, the completed Encounter.location entry of a transfer). A bed counts when the
 * feed names its ward and its bed; the bay or room (PV1-3.2) is kept as sent, or null. Feeds the
 * ward's record of known beds (ward-bed-store.ts), from which empty beds are listed. Pure.
 */
import type { AdtEvent, Location } from "@/lib/adt/events";

export interface NamedBed {
  facilityCode: string;
  ward: string;
  room: string | null;
  bed: string;
  /** Where the feed named it: the current location, or the one the patient left. */
  from: "current" | "prior";
}

function named(facilityCode: string, location: Location | undefined, from: NamedBed["from"]) {
  const ward = location?.ward?.trim();
  const bed = location?.bed?.trim();
  if (!ward || !bed) return [];
  return [{ facilityCode, ward, room: location?.room?.trim() || null, bed, from }];
}

export function bedsNamedBy(event: AdtEvent): NamedBed[] {
  if (!event.visit) return [];
  return [
    ...named(event.facilityCode, event.visit.location, "current"),
    ...named(event.facilityCode, event.visit.priorLocation, "prior"),
  ];
}

/** One of each bed (by facility, ward, room and bed), the first naming kept, in arrival order. */
export function distinctBeds(beds: readonly NamedBed[]): NamedBed[] {
  const byKey = new Map<string, NamedBed>();
  for (const bed of beds) {
    const key = [bed.facilityCode, bed.ward, bed.room ?? "", bed.bed].join("\u0000");
    if (!byKey.has(key)) byKey.set(key, bed);
  }
  return [...byKey.values()];
}
