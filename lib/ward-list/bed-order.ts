/**
 * Ward lists are read bed by bed, so beds sort the way staff number them: "B2" before "B10",
 * "Bay 1 Bed 3" before "Bay 2 Bed 1". A stay with no bed yet (pre-admitted, awaiting a bed) goes
 * last, where the paper list puts "expected" patients.
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

export function compareBeds(a: string | null, b: string | null): number {
  const left = a?.trim() || null;
  const right = b?.trim() || null;
  if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
  return compareChunks(left, right);
}

/** Sorts entries by bed, then by name and stay id so equal beds (two in "B3") keep one order. */
export function byBed<T extends { bed: string | null; stayId: string; patient: { familyName: string } }>(
  a: T,
  b: T,
): number {
  return (
    compareBeds(a.bed, b.bed) ||
    a.patient.familyName.localeCompare(b.patient.familyName) ||
    (a.stayId < b.stayId ? -1 : a.stayId > b.stayId ? 1 : 0)
  );
}
