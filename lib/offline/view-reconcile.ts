/**
 * What a ward list shows when it has two copies of the same ward: the one on this device
 * (IndexedDB, drawn at once) and the one the server just sent. Pure, so it is tested in both
 * directions without a browser. The rules:
 *
 * - The snapshot taken later (`asOf`) decides who is on the ward: a patient it lacks has left
 *   (discharged, transferred, purged) unless the other copy saw them change after that moment.
 * - For a stay in both, the entry with the later `updatedAt` wins (reconcile.ts `isNewer`), so a
 *   device copy synced after a slow server answer is not rolled back.
 * - On equal `asOf` the server's membership wins: it is the authority, the device a copy.
 *
 * `wardChanges` says what moved between two displayed lists, for the screen reader announcement
 * and the "changed" marks a nurse sees when a live update lands.
 */
import type { CensusEntry } from "@/lib/sync/sync-types";
import { byBed } from "@/lib/ward-list/bed-order";
import { isNewer } from "./reconcile";

export interface WardSnapshot {
  /** Server time of the read (server) or of the last completed sync round (device). */
  asOf: string;
  source: "device" | "server";
  entries: CensusEntry[];
}

function laterSnapshot(a: WardSnapshot, b: WardSnapshot): [WardSnapshot, WardSnapshot] {
  if (isNewer(a.asOf, b.asOf)) return [a, b];
  if (isNewer(b.asOf, a.asOf)) return [b, a];
  return a.source === "server" ? [a, b] : [b, a];
}

export function mergeWardSnapshots(a: WardSnapshot | null, b: WardSnapshot | null): WardSnapshot | null {
  if (!a || !b) return a ?? b;
  const [newer, older] = laterSnapshot(a, b);
  const olderById = new Map(older.entries.map((entry) => [entry.stayId, entry]));
  const merged = new Map<string, CensusEntry>();
  for (const entry of newer.entries) {
    const other = olderById.get(entry.stayId);
    merged.set(entry.stayId, other && isNewer(other.updatedAt, entry.updatedAt) ? other : entry);
  }
  for (const entry of older.entries) {
    if (!merged.has(entry.stayId) && isNewer(entry.updatedAt, newer.asOf)) merged.set(entry.stayId, entry);
  }
  return { asOf: newer.asOf, source: newer.source, entries: [...merged.values()].sort(byBed) };
}

export interface WardChanges {
  arrived: CensusEntry[];
  left: CensusEntry[];
  /** Same stay, other bay or bed. */
  moved: { entry: CensusEntry; fromBed: string | null; fromRoom: string | null }[];
  /** Same stay and bed, other details (demographics, flags, documents, status). */
  updated: CensusEntry[];
}

export function wardChanges(before: readonly CensusEntry[], after: readonly CensusEntry[]): WardChanges {
  const previous = new Map(before.map((entry) => [entry.stayId, entry]));
  const current = new Set(after.map((entry) => entry.stayId));
  const changes: WardChanges = { arrived: [], left: [], moved: [], updated: [] };
  for (const entry of after) {
    const was = previous.get(entry.stayId);
    if (!was) changes.arrived.push(entry);
    else if (was.bed !== entry.bed || was.room !== entry.room)
      changes.moved.push({ entry, fromBed: was.bed, fromRoom: was.room });
    else if (was.updatedAt !== entry.updatedAt) changes.updated.push(entry);
  }
  changes.left = before.filter((entry) => !current.has(entry.stayId));
  return changes;
}

/** "1 patient arrived, 1 moved bed" — no names: it is read aloud on an open ward. */
export function changeSummary(changes: WardChanges): string | null {
  const parts = [
    [changes.arrived.length, "arrived"],
    [changes.left.length, "left the ward"],
    [changes.moved.length, "moved bed"],
    [changes.updated.length, "updated"],
  ] as const;
  const said = parts
    .filter(([count]) => count > 0)
    .map(([count, what]) => `${count} patient${count === 1 ? "" : "s"} ${what}`);
  return said.length > 0 ? `Ward list updated: ${said.join(", ")}.` : null;
}
