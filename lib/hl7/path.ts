import { AppError } from "@/lib/errors";

/**
 * Field paths in the notation of the spec and of interface specifications: "PID-3", "PID-3.1",
 * "PID-5.1.1" (segment, field, component, subcomponent). Two 1-based extensions pick an occurrence:
 * "PID[2]-3" is the second PID segment (A40 merges carry several), "PID-3[2].1" the second repetition.
 * Omitted component and subcomponent positions mean 1, so "PID-3" reads PID-3.1.1.
 */

export interface Hl7Path {
  readonly segment: string;
  readonly occurrence: number;
  readonly field: number;
  /** null when the path names no repetition ("PID-3"), so getAll can read them all. */
  readonly repetition: number | null;
  readonly component: number;
  readonly subcomponent: number;
}

const PATH = /^([A-Z][A-Z0-9]{2})(?:\[(\d+)\])?-(\d+)(?:\[(\d+)\])?(?:\.(\d+)(?:\.(\d+))?)?$/;

export function parseHl7Path(path: string): Hl7Path {
  const match = PATH.exec(path.trim());
  const numbers = match?.slice(2).map((n) => (n === undefined ? null : Number(n))) ?? [];
  const [occurrence = null, field = null, repetition = null, component = null, subcomponent = null] = numbers;
  if (!match?.[1] || field === null || [occurrence, field, repetition, component, subcomponent].includes(0)) {
    // A bad path is a programming error in our own code, not bad input from a sender.
    throw new AppError("internal", `Not an HL7 field path: "${path}" (expected e.g. "PID-3.1")`);
  }
  return {
    segment: match[1],
    occurrence: occurrence ?? 1,
    field,
    repetition,
    component: component ?? 1,
    subcomponent: subcomponent ?? 1,
  };
}

/** Formats a location like "PID-3" as an ERR-2 error location (ERL: segment^sequence^field^rep^comp^sub). */
export function toErrorLocation(location: string): string[] | null {
  const match = PATH.exec(location.trim());
  if (!match?.[1]) {
    return /^[A-Z][A-Z0-9]{2}$/.test(location.trim()) ? [location.trim(), "1"] : null;
  }
  const [, segment, occurrence, field, repetition, component, subcomponent] = match;
  const parts = [segment, occurrence ?? "1", field ?? ""];
  if (component !== undefined) parts.push(repetition ?? "1", component);
  else if (repetition !== undefined) parts.push(repetition);
  if (subcomponent !== undefined) parts.push(subcomponent);
  return parts;
}
