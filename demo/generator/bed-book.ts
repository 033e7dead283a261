/**
 * Which bed is taken when, for plans made after the bed chains exist: a transfer entered in
 * error (A02 then A12) puts the patient in another bed for a few minutes, and that bed must be
 * empty then, with a cleaning gap either side, or the census would show two patients in it.
 */
import type { BedRef, BedSegment } from "./bed-plan";
import { MINUTE } from "./distributions";

const PAD = 30 * MINUTE;

export class BedBook {
  private readonly intervals = new Map<BedRef, [number, number][]>();
  private readonly bedsBySite = new Map<string, BedRef[]>();

  constructor(segments: readonly BedSegment[]) {
    for (const segment of segments)
      this.book(segment.bed, segment.start, segment.end ?? Number.POSITIVE_INFINITY);
  }

  book(bed: BedRef, start: number, end: number): void {
    let list = this.intervals.get(bed);
    if (!list) {
      list = [];
      this.intervals.set(bed, list);
      const site = this.bedsBySite.get(bed.facilityCode) ?? [];
      site.push(bed);
      this.bedsBySite.set(bed.facilityCode, site);
    }
    list.push([start, end]);
  }

  isFree(bed: BedRef, start: number, end: number): boolean {
    const list = this.intervals.get(bed) ?? [];
    return list.every(([from, to]) => to + PAD <= start || end + PAD <= from);
  }

  /** Beds of a site, in a stable order (the order their first segment was booked). */
  bedsAt(facilityCode: string): readonly BedRef[] {
    return this.bedsBySite.get(facilityCode) ?? [];
  }
}
