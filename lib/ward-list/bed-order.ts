/**
 * Ward lists are read bay by bay and bed by bed, so places sort the way staff number them: bay
 * (PV1-3.2) first, then bed (PV1-3.3), each in natural order ("Bay 2" before "Bay 10", "B2"
 * before "B10"). A stay with no bay or no bed yet (pre-admitted, awaiting a bed) goes after the
 * named ones, where the paper list puts "expected" patients.
 */

const chunkPattern = /(\d+)/;

function compareChunks(a: string, b: string): number {
  const left = a.toLowerCase().split(chunkPattern);
  const right = b.toLowerCase().split(chunkPattern);
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const x = left[index]!;
    const y = right[index]!;
    if (x === y) continue;
    // split() with a capturing group puts the digit runs at odd indexes.
    if (index % 2 === 1) {
      const difference = Number(x) - Number(y);
      if (difference !== 0) return difference;
      // "B01" and "B1": equal numbers, so the shorter spelling first for a stable order.
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** Natural order of two names (a bay or a bed); a missing or blank one goes last. */
export function compareBeds(a: string | null | undefined, b: string | null | undefined): number {
  const left = a?.trim() || null;
  const right = b?.trim() || null;
  if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
  return compareChunks(left, right);
}

/** Bay, then bed. */
export function comparePlaces(
  a: { room?: string | null; bed: string | null },
  b: { room?: string | null; bed: string | null },
): number {
  return compareBeds(a.room, b.room) || compareBeds(a.bed, b.bed);
}

/** Sorts entries by bay and bed, then by name and stay id so a shared place keeps one order. */
export function byBed<
  T extends { room?: string | null; bed: string | null; stayId: string; patient: { familyName: string } },
>(a: T, b: T): number {
  return (
    comparePlaces(a, b) ||
    a.patient.familyName.localeCompare(b.patient.familyName) ||
    (a.stayId < b.stayId ? -1 : a.stayId > b.stayId ? 1 : 0)
  );
}
