/**
 * Builders for ward cache tests: census entries and sync pages shaped like the server's feed
 * (lib/sync/sync-types.ts). The identifiers are synthetic: 999 NHS numbers are the test range
 * (NHS Digital reserves 999 000 0000 to 999 999 9999 for testing).
 */
import type { CensusEntry, SyncPage } from "@/lib/sync/sync-types";

export const wardA = "11111111-1111-4111-8111-111111111111";
export const wardB = "22222222-2222-4222-8222-222222222222";

export function entry(stayId: string, overrides: Partial<CensusEntry> = {}): CensusEntry {
  return {
    stayId,
    wardId: wardA,
    wardCode: "W1",
    wardName: "Ward One",
    facilityCode: "RXD",
    visitNumber: `V-${stayId}`,
    status: "admitted",
    room: "Bay 1",
    bed: "Bed 1",
    consultant: "Dr Consultant",
    specialty: "General Medicine",
    admittedAt: "2025-03-01T09:00:00.000Z",
    lastEventAt: "2025-03-01T09:00:00.000Z",
    updatedAt: "2025-03-01T09:00:00.000Z",
    patient: {
      patientId: `P-${stayId}`,
      mrn: `MRN-${stayId}`,
      nhsNumber: null,
      familyName: "Patient",
      givenNames: "Test",
      title: null,
      birthDate: "1950-01-01",
      sex: "F",
      published: {},
    },
    history: [{ kind: "admit", at: "2025-03-01T09:00:00.000Z", ward: "W1", bed: "Bed 1" }],
    documents: [],
    ...overrides,
  };
}

export function page(overrides: Partial<SyncPage> = {}): SyncPage {
  return {
    nextCursor: "cursor-1",
    hasMore: false,
    serverTime: "2025-03-01T10:00:00.000Z",
    upserts: [],
    scope: { wardIds: [wardA, wardB], version: "scope-v1" },
    cacheTtlSeconds: 3600,
    ...overrides,
  };
}

/** A last page: lists exactly the given upserts' stays as live. */
export function lastPage(upserts: CensusEntry[], overrides: Partial<SyncPage> = {}): SyncPage {
  return page({ upserts, liveStayIds: upserts.map((e) => e.stayId), ...overrides });
}
