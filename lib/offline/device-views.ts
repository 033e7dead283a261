/**
 * The device's side of what the staff screens show: a ward or one patient read from the
 * encrypted cache, drawn before the server answers (and instead of it with no signal). The
 * database is opened per read and closed straight after, so a sign-out's wipe is never blocked
 * by an open screen. Patients shown from here and not confirmed by an audited server read are
 * queued for the audit log (offline-audit-queue.ts).
 */
import type { CensusEntry } from "@/lib/sync/sync-types";
import type { OfflineReadInput } from "./offline-audit-queue";
import type { CacheIdentity } from "./offline-identity";
import type { WardSnapshot } from "./view-reconcile";
import { openWardCache, queueOfflineRead, readEntry, readWard, type WardCache } from "./ward-cache";

/** `expired`: a copy exists but is past its TTL (or was never completed), so nothing is shown. */
export type DeviceRead<T> = { kind: "found"; value: T } | { kind: "none" } | { kind: "expired" };

async function withCache<T>(identity: CacheIdentity, use: (cache: WardCache) => Promise<T>): Promise<T> {
  const cache = await openWardCache(identity);
  try {
    return await use(cache);
  } finally {
    cache.db.close();
  }
}

export async function readDeviceWard(
  identity: CacheIdentity | null,
  wardId: string,
  now = Date.now(),
): Promise<DeviceRead<WardSnapshot>> {
  if (!identity) return { kind: "none" };
  return withCache(identity, async (cache) => {
    const read = await readWard(cache, wardId, now);
    if (read.expired) return { kind: "expired" };
    if (read.entries.length === 0) return { kind: "none" };
    const asOf = read.asOf ?? new Date(0).toISOString();
    return { kind: "found", value: { asOf, source: "device", entries: read.entries } };
  });
}

export async function readDeviceEntry(
  identity: CacheIdentity | null,
  stayId: string,
  now = Date.now(),
): Promise<DeviceRead<{ entry: CensusEntry; asOf: string }>> {
  if (!identity) return { kind: "none" };
  return withCache(identity, async (cache) => {
    const read = await readEntry(cache, stayId, now);
    if (read.expired) return { kind: "expired" };
    if (!read.entry) return { kind: "none" };
    return { kind: "found", value: { entry: read.entry, asOf: read.asOf ?? new Date(0).toISOString() } };
  });
}

/** The audit events for patients shown from the device copy (and, for a list, the ward itself). */
export function deviceReads(entries: readonly CensusEntry[], wardId: string | null, at: string) {
  const reads: OfflineReadInput[] = entries.map((entry) => ({
    action: "patient.view",
    at,
    stayId: entry.stayId,
    patientId: entry.patient.patientId,
    wardId: entry.wardId,
  }));
  return wardId ? [{ action: "ward.view" as const, at, wardId }, ...reads] : reads;
}

export async function queueDeviceReads(
  identity: CacheIdentity | null,
  reads: readonly OfflineReadInput[],
): Promise<void> {
  if (!identity || reads.length === 0) return;
  await withCache(identity, async (cache) => {
    for (const read of reads) await queueOfflineRead(cache, read);
  });
}
