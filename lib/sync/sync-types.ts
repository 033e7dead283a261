/**
 * The offline sync contract between the server (`GET /api/sync?cursor=…`) and the browser's
 * encrypted ward cache (lib/offline). Pages of changes since a cursor; the last page also lists
 * every stay currently in the user's scope, so the client drops whatever is no longer there
 * (discharged, moved off the user's wards, purged) without the server keeping removal logs.
 */
import type { CurrentStayStatus } from "@/lib/adt/stay-status";
import type { FeedAge } from "@/lib/ward-list/feed-age";

export interface SyncPatient {
  patientId: string;
  mrn: string;
  nhsNumber: string | null;
  familyName: string;
  givenNames: string | null;
  title: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  sex: string | null;
  /** Published optional fields (alerts, allergies, next of kin, …) as stored. */
  published: Record<string, unknown>;
}

export interface SyncDocument {
  documentId: string;
  kind: string;
  title: string;
  contentType: string;
  producedAt: string;
  bytes: number;
}

export interface SyncHistoryEntry {
  kind: string;
  at: string;
  ward?: string;
  bed?: string;
}

/** One row of a ward list: a stay on a ward in the user's scope, with its patient. */
export interface CensusEntry {
  stayId: string;
  wardId: string;
  wardCode: string;
  wardName: string;
  facilityCode: string;
  visitNumber: string;
  status: CurrentStayStatus;
  room: string | null;
  bed: string | null;
  consultant: string | null;
  specialty: string | null;
  admittedAt: string | null;
  lastEventAt: string;
  /** Server time of the last change to this entry; the sync cursor orders by it. */
  updatedAt: string;
  patient: SyncPatient;
  history: SyncHistoryEntry[];
  documents: SyncDocument[];
}

export interface SyncPage {
  /** Pass as `cursor` to get the next page (or, on the last page, later changes). */
  nextCursor: string;
  /** More pages follow for this sync round. */
  hasMore: boolean;
  /** When the server read this page. */
  serverTime: string;
  /**
   * Every change made before this moment is in the round (changes are sent once `settleSeconds`
   * old, so one committed just before `serverTime` may come next round): the copy's "as of" time.
   * A device copy claiming `serverTime` would outrank a server read of the ward that already lists
   * a patient admitted in those seconds, and the merged list would drop them (view-reconcile.ts).
   * Optional only for answers from a server older than this field.
   */
  completeAsOf?: string;
  upserts: CensusEntry[];
  /** On the last page only: every stay id in scope now; the client removes all others. */
  liveStayIds?: string[];
  /** Wards the user may see now; a change means the cache must be wiped and rebuilt. */
  scope: { wardIds: string[]; version: string };
  /** How long cached data may be shown without reaching the server (policy TTL). */
  cacheTtlSeconds: number;
  /** On the last page only (added by the route): each facility's feed age (lib/ward-list/feed-age.ts). */
  feeds?: FeedAge[];
}
