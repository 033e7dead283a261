/**
 * Sampling helpers on top of the seeded PRNG (random.ts), so every demo draw is reproducible.
 * Durations are whole seconds: HL7 DTM values we write stop at seconds (formatHl7Timestamp), so a
 * scenario built in seconds survives an HL7 round trip unchanged.
 */
import type { Random } from "./random";

export const MINUTE = 60;
export const HOUR = 3_600;
export const DAY = 86_400;

export function chance(random: Random, probability: number): boolean {
  return random.next() < probability;
}

/** A whole number of seconds, uniform in [min, max]. */
export function uniformSeconds(random: Random, min: number, max: number): number {
  return max <= min ? Math.round(min) : random.int(Math.round(min), Math.round(max));
}

/** Log-normal with the given median: lengths of stay are right-skewed (a few very long stays). */
export function logNormal(random: Random, median: number, sigma: number): number {
  // Box-Muller; 1 - next() keeps the logarithm finite.
  const u = 1 - random.next();
  const v = random.next();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * normal);
}

export function exponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random.next());
}

/** Picks an item with probability proportional to its weight. */
export function weightedPick<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let target = random.next() * total;
  for (const [item, weight] of items) {
    target -= weight;
    if (target < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Fisher-Yates on a copy. */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** FNV-1a, for short stable tags and codes derived from text (not for security). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
