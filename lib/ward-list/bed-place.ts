/**
 * Where a patient is on a ward, as the hospital names it: the bay or room (HL7 PV1-3.2, FHIR
 * Encounter.location of physical type "ro") and the bed (PV1-3.3, type "bd"). Every screen and
 * printed list says both, so two patients in different bays are never both just "bed 1". Codes are
 * shown as sent; only a bare number gets a word in front ("2" reads "Bay 2", "1" reads "Bed 1"),
 * because a lone digit on paper could be either. Pure.
 */

export interface BedPlace {
  room: string | null;
  bed: string | null;
}

const bareNumber = /^\d+$/;

const clean = (value: string | null | undefined) => value?.trim() || null;

/** "Bay 2" for a bare "2", else the room as sent; null when the feed named none. */
export function bayText(room: string | null | undefined): string | null {
  const value = clean(room);
  if (value === null) return null;
  return bareNumber.test(value) ? `Bay ${value}` : value;
}

/** "Bed 1" for a bare "1", else the bed as sent; null when the feed named none. */
export function bedOnlyText(bed: string | null | undefined): string | null {
  const value = clean(bed);
  if (value === null) return null;
  return bareNumber.test(value) ? `Bed ${value}` : value;
}

/** "Bay 1, Bed 1"; "Bay 1, no bed yet"; "Bed 4" (a ward without bays); "No bed" when neither. */
export function placeText(place: { room?: string | null; bed: string | null }): string {
  const bay = bayText(place.room);
  const bed = bedOnlyText(place.bed);
  if (bay && bed) return `${bay}, ${bed}`;
  if (bay) return `${bay}, no bed yet`;
  return bed ?? "No bed";
}

/** One key per place on a ward: what tells an occupied bed from an empty one. */
export function placeKey(place: { room?: string | null; bed: string | null }): string {
  return `${clean(place.room) ?? ""}\u0000${clean(place.bed) ?? ""}`;
}
