/**
 * Turns some bed segments into one stay across several beds. A discharge from one bed and an
 * admission to another bed on the same site shortly after become one patient moving: a transfer
 * (A02) when the ward changes, a bed move (A08 with a new PV1-3 bed) within a ward. The first
 * segment is stretched to the moment the second starts, which never collides with the next
 * patient in its own bed because the stretch stays within that bed's cleaning gap.
 */
import type { BedSegment } from "./bed-plan";
import { chance, MINUTE } from "./distributions";
import type { Random } from "./random";
import { specialtyProfile } from "./specialty-profiles";

const TRANSFER_RATE = 0.2;
const BED_MOVE_RATE = 0.05;
const MAX_SEGMENTS_PER_STAY = 4;
const MIN_GAP = 30 * MINUTE;

function chainLength(segment: BedSegment): number {
  let length = 1;
  for (let s = segment.previous; s; s = s.previous) length++;
  return length;
}

/** First index in a start-sorted list whose start is at least `time`. */
function lowerBound(sorted: readonly BedSegment[], time: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]!.start < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function linkMoves(random: Random, segments: readonly BedSegment[], latest: number): void {
  const inpatient = segments.filter((segment) => segment.kind === "inpatient");
  const bySite = new Map<string, BedSegment[]>();
  for (const segment of inpatient) {
    const list = bySite.get(segment.bed.facilityCode) ?? [];
    list.push(segment);
    bySite.set(segment.bed.facilityCode, list);
  }
  for (const list of bySite.values()) list.sort((a, b) => a.start - b.start || a.id - b.id);

  const byEnd = inpatient.filter((s) => s.end !== null).sort((a, b) => a.end! - b.end! || a.id - b.id);
  for (const first of byEnd) {
    const roll = random.next();
    const sameWard = roll >= TRANSFER_RATE && roll < TRANSFER_RATE + BED_MOVE_RATE;
    if (roll >= TRANSFER_RATE + BED_MOVE_RATE || first.next || chainLength(first) >= MAX_SEGMENTS_PER_STAY)
      continue;
    const end = first.end!;
    const bound = Math.min(latest, (first.nextOnBed?.start ?? latest + MIN_GAP) - MIN_GAP);
    const group = specialtyProfile(first.bed.ward.specialty).group;
    const site = bySite.get(first.bed.facilityCode)!;
    const candidates: BedSegment[] = [];
    for (let i = lowerBound(site, end); i < site.length && site[i]!.start <= bound; i++) {
      const second = site[i]!;
      if (second.previous || second === first) continue;
      if (sameWard ? second.bed.ward !== first.bed.ward : second.bed.ward === first.bed.ward) continue;
      if (specialtyProfile(second.bed.ward.specialty).group !== group) continue;
      candidates.push(second);
    }
    if (candidates.length === 0 || !chance(random, 0.9)) continue;
    const second = random.pick(candidates.slice(0, 5));
    first.next = second;
    second.previous = first;
    first.end = second.start;
  }
}

/** The stays: chains of linked segments, each starting at a segment with no predecessor. */
export function staysFrom(segments: readonly BedSegment[]): BedSegment[][] {
  return segments
    .filter((segment) => !segment.previous)
    .map((head) => {
      const chain = [head];
      for (let s = head.next; s; s = s.next) chain.push(s);
      return chain;
    });
}
