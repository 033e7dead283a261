/**
 * What a search shows, as the browser receives it: the search action returns this as it is, so a
 * candidate (a patient outside the user's scope) carries no stay, ward, bed or facility.
 */
import type { CensusEntry } from "@/lib/sync/sync-types";
import type { PatientIdentity } from "./patient-row";
import type { SearchQuery } from "./search-query";

/** A record the user may open: on their wards, or through a break-glass grant they hold. */
export interface SearchRecord {
  stayId: string;
  access: "scope" | "break-glass";
  wardId: string | null;
  wardName: string | null;
  facilityCode: string;
  /** Bay or room (PV1-3.2) and bed (PV1-3.3), shown together (lib/ward-list/bed-place.ts). */
  room: string | null;
  bed: string | null;
  status: CensusEntry["status"];
  patient: PatientIdentity;
}

/**
 * A patient outside scope, shown so the user can pick the right person before breaking glass.
 * `patientId` (an internal id, not an identifier) is what the break-glass request names.
 */
export interface SearchCandidate {
  patientId: string;
  familyName: string;
  givenNames: string | null;
  title: string | null;
  birthDate: string | null;
  sex: string | null;
}

export interface SearchResult {
  queryType: SearchQuery["type"];
  records: SearchRecord[];
  /** More records matched than are shown: the user should narrow the search. */
  truncated: boolean;
  candidates: SearchCandidate[];
  /** Patients outside scope who match but are not shown: a number, never who. */
  outsideCount: number;
}
