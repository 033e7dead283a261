/**
 * Sorting and paging of the readiness table on the server (from the page's search parameters).
 * Pure. "Worst first" orders red, then amber, then green; ties keep the ward order.
 */
import type { Rating } from "./readiness-rating";
import type { WardReadiness } from "./ward-readiness";

export const readinessSorts = [
  "ward",
  "rating",
  "staff",
  "enrolled",
  "signed-in",
  "pcs",
  "adt",
  "document",
] as const;
export type ReadinessSort = (typeof readinessSorts)[number];

export const readinessPageSize = 50;

const ratingRank: Record<Rating, number> = { red: 0, amber: 1, green: 2 };
const time = (value: string | null) => (value ? Date.parse(value) : Number.NEGATIVE_INFINITY);

/** The key each sort uses, ascending: worst first for ratings and figures, oldest first for times. */
const keys: Record<ReadinessSort, (ward: WardReadiness) => number | string> = {
  ward: (ward) => `${ward.facilityCode}/${ward.wardCode}`,
  rating: (ward) => ratingRank[ward.ratings.overall],
  staff: (ward) => ward.staff,
  enrolled: (ward) => ward.enrolledPercent ?? -1,
  "signed-in": (ward) => ward.signedInPercent ?? -1,
  pcs: (ward) => ward.pcsSeen,
  adt: (ward) => time(ward.lastAdtEventAt),
  document: (ward) => time(ward.newestDocumentAt),
};

export function parseSort(value: string | undefined): ReadinessSort {
  return readinessSorts.includes(value as ReadinessSort) ? (value as ReadinessSort) : "rating";
}

export function sortWards(
  wards: readonly WardReadiness[],
  sort: ReadinessSort,
  descending = false,
): WardReadiness[] {
  const key = keys[sort];
  return wards
    .map((ward, index) => ({ ward, index }))
    .sort((a, b) => {
      const left = key(a.ward);
      const right = key(b.ward);
      const order = left < right ? -1 : left > right ? 1 : 0;
      return (descending ? -order : order) || a.index - b.index;
    })
    .map(({ ward }) => ward);
}

export function pageOf<T>(
  items: readonly T[],
  page: number,
  size = readinessPageSize,
): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Number.isInteger(page) ? page : 1), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages };
}
