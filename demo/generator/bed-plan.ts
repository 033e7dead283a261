/**
 * Plans bed use over the scenario window, bed by bed, so two patients can never share a bed:
 * each bed gets a chain of occupancy segments separated by cleaning and idle time. Exactly
 * `currentInpatients` beds end with an open segment (the patient is still there), spread over
 * the wards in proportion to their free beds, so no ward can exceed its bed count; idle time keeps
 * each ward near that same occupancy through the history (after a ramp-up from an empty census).
 * Times are whole seconds from the window start; `latest` is the last second anything may happen.
 */
import {
  chance,
  DAY,
  exponential,
  HOUR,
  logNormal,
  MINUTE,
  shuffled,
  uniformSeconds,
  weightedPick,
} from "./distributions";
import type { DemoFacility, DemoWard } from "./hospital";
import type { Random } from "./random";
import { specialtyProfile } from "./specialty-profiles";

export interface BedRef {
  facilityCode: string;
  ward: DemoWard;
  /** "Bay 1".."Bay 4": beds are split into four bays in order. */
  room: string;
  /** "B01".."Bnn" */
  bed: string;
}

/** inpatient: A01 … A03; registration: A04 … A03 within hours; cancelled: A01 then A11. */
export type SegmentKind = "inpatient" | "registration" | "cancelled";

export interface BedSegment {
  id: number;
  bed: BedRef;
  kind: SegmentKind;
  start: number;
  /** null: still in the bed at the end of the window (a current inpatient). */
  end: number | null;
  /** The next segment on the same bed, which bounds how long this one may be stretched. */
  nextOnBed?: BedSegment;
  /** Set when the stay continues in another bed (transfer or bed move). */
  next?: BedSegment;
  previous?: BedSegment;
}

const MIN_GAP = 30 * MINUTE;

/**
 * Time a bed stands empty between patients: cleaning (at least 30 minutes) plus idle time sized so
 * the ward runs at the same occupancy through the history as at the end (occupancy = stay / (stay +
 * idle)), so the census does not swing from full to the requested size on the last day.
 */
function idleTime(ward: DemoWard, current: number) {
  const occupancy = Math.min(0.97, Math.max(0.05, current / ward.bedCount));
  // The median, not the mean, stay: short attendances and stays cut by the window shorten bed use.
  const typicalStay = specialtyProfile(ward.specialty).medianStayDays * DAY;
  const meanIdle = Math.max(90 * MINUTE, typicalStay * (1 / occupancy - 1));
  return { occupancy, draw: (random: Random) => MIN_GAP + Math.round(exponential(random, meanIdle)) };
}

/** How many current inpatients each ward gets: one at a time, weighted by the ward's free beds. */
function allocateCurrent(random: Random, wards: readonly DemoWard[], total: number): number[] {
  const counts = wards.map(() => 0);
  for (let i = 0; i < total; i++) {
    const index = weightedPick(
      random,
      wards.map((ward, wardIndex) => [wardIndex, ward.bedCount - counts[wardIndex]!] as const),
    );
    counts[index]!++;
  }
  return counts;
}

function drawSegmentKind(random: Random, specialty: string): SegmentKind {
  const { registrationRate } = specialtyProfile(specialty);
  return weightedPick(random, [
    ["inpatient", 1 - registrationRate - 0.01],
    ["registration", registrationRate],
    ["cancelled", 0.01],
  ]);
}

function drawDuration(random: Random, kind: SegmentKind, specialty: string): number {
  if (kind === "registration") return uniformSeconds(random, 2 * HOUR, 8 * HOUR);
  if (kind === "cancelled") return uniformSeconds(random, 10 * MINUTE, 90 * MINUTE);
  const days = logNormal(random, specialtyProfile(specialty).medianStayDays, 0.8);
  return Math.max(4 * HOUR, Math.round(days * DAY));
}

export function planBeds(
  random: Random,
  facilities: readonly DemoFacility[],
  currentInpatients: number,
  latest: number,
): BedSegment[] {
  const wards = facilities.flatMap((facility) => facility.wards.map((ward) => ({ facility, ward })));
  const current = allocateCurrent(
    random,
    wards.map(({ ward }) => ward),
    currentInpatients,
  );
  // Beds fill over the first part of the window: the feed starts with an empty census.
  const ramp = Math.min(2 * DAY, Math.floor(latest / 3));
  const segments: BedSegment[] = [];

  for (const [wardIndex, { facility, ward }] of wards.entries()) {
    const bayLength = Math.ceil(ward.bedCount / 4);
    const idle = idleTime(ward, current[wardIndex]!);
    const occupied = new Set(shuffled(random, [...Array(ward.bedCount).keys()]).slice(0, current[wardIndex]));
    for (let bedIndex = 0; bedIndex < ward.bedCount; bedIndex++) {
      const bed: BedRef = {
        facilityCode: facility.code,
        ward,
        room: `Bay ${Math.floor(bedIndex / bayLength) + 1}`,
        bed: `B${String(bedIndex + 1).padStart(2, "0")}`,
      };
      const add = (kind: SegmentKind, start: number, end: number | null) => {
        const segment: BedSegment = { id: segments.length, bed, kind, start, end };
        const previous = segments.at(-1);
        if (previous?.bed === bed) previous.nextOnBed = segment;
        segments.push(segment);
      };
      // A bed's first patient arrives early in the window, or after an idle spell if the ward is quiet.
      const from = uniformSeconds(random, 0, ramp) + (chance(random, idle.occupancy) ? 0 : idle.draw(random));
      let until = latest - idle.draw(random);
      let finalStart: number | null = null;
      if (occupied.has(bedIndex)) {
        // How long the current patient has been in: a uniform share of a length-biased stay (long stays
        // are more likely to be in progress at any moment; for a log-normal, median × e^(σ²)).
        const biasedStay = logNormal(
          random,
          specialtyProfile(ward.specialty).medianStayDays * Math.exp(0.64),
          0.8,
        );
        const elapsed = Math.round(random.next() * biasedStay * DAY);
        finalStart = Math.min(latest, Math.max(from, latest - elapsed));
        until = finalStart - idle.draw(random);
      }
      let t = from;
      while (until - t >= 10 * MINUTE) {
        const kind = drawSegmentKind(random, ward.specialty);
        let end = t + drawDuration(random, kind, ward.specialty);
        if (end > until) {
          if (kind !== "inpatient" || until - t < 4 * HOUR) break;
          end = until;
        }
        add(kind, t, end);
        t = end + idle.draw(random);
      }
      if (finalStart !== null) add("inpatient", finalStart, null);
    }
  }
  return segments;
}
