/**
 * A deterministic, entirely synthetic ADT feed for the demo hospital: `historyDays` of admissions,
 * transfers, leave, updates, cancels, discharges, person updates and a merge, ending just before
 * `startAt` with exactly `currentInpatients` stays admitted or on leave, no bed shared and no ward
 * over its bed count. Same options, same feed (deep-equal); another seed, another feed.
 * Pipeline: beds (bed-plan) → moves (stay-links) → actions (stay-actions) → people (stay-people)
 * → events in time order (scenario-events). Feed the items through the real ingest path.
 */
import type { AdtEvent } from "@/lib/adt/events";
import { AppError } from "@/lib/errors";
import { BedBook } from "./bed-book";
import { planBeds } from "./bed-plan";
import { createConsultantRoster } from "./consultants";
import { DAY, fnv1a, MINUTE, uniformSeconds } from "./distributions";
import type { DemoFacility } from "./hospital";
import type { PlannedStay } from "./planned-stay";
import { type Random, seededRandom } from "./random";
import { eventsFromActions } from "./scenario-events";
import { specialtyProfile } from "./specialty-profiles";
import { planActions } from "./stay-actions";
import { linkMoves, staysFrom } from "./stay-links";
import { assignPeople } from "./stay-people";

export interface AdtScenarioOptions {
  seed: number;
  facilities: readonly DemoFacility[];
  /** Stays admitted or on leave at the end; at most the hospital's total bed count. */
  currentInpatients: number;
  /** Length of the history before `startAt`; default 7 days. */
  historyDays?: number;
  /** The feed ends (strictly) before this instant. */
  startAt: Date;
  /** The ingest source the messages are delivered as (idempotency key with controlId). */
  source?: string;
}

export interface DemoAdtItem {
  event: AdtEvent;
  /** MSH-10 / Bundle.id: unique within the scenario, and differs between seeds and start times. */
  controlId: string;
  source: string;
}

export const DEMO_SOURCE = "demo-pas";
/** Share of current inpatients that also have a planned admission waiting (A05, no bed yet). */
const WAITING_PRE_ADMITS = 0.03;

export function generateAdtScenario(options: AdtScenarioOptions): DemoAdtItem[] {
  const { seed, facilities, currentInpatients, historyDays = 7, startAt } = options;
  const totalBeds = facilities.reduce((sum, f) => sum + f.wards.reduce((beds, w) => beds + w.bedCount, 0), 0);
  if (!Number.isInteger(currentInpatients) || currentInpatients < 0 || currentInpatients > totalBeds) {
    throw new AppError(
      "bad_request",
      `currentInpatients must be a whole number from 0 to ${totalBeds} (beds)`,
    );
  }
  if (!(historyDays >= 1) || Number.isNaN(startAt.getTime())) {
    throw new AppError("bad_request", "historyDays must be at least 1 and startAt a valid date");
  }
  const window = Math.round(historyDays * DAY);
  // Whole seconds throughout: HL7 DTM values we write stop at seconds.
  const windowStart = new Date(Math.floor(startAt.getTime() / 1000) * 1000 - window * 1000);
  const latest = window - 20 * MINUTE;
  const random = seededRandom(seed);

  const segments = planBeds(random, facilities, currentInpatients, latest);
  linkMoves(random, segments, latest);
  const stays: PlannedStay[] = staysFrom(segments).map((chain, id) => ({
    id,
    facilityCode: chain[0]!.bed.facilityCode,
    segments: chain,
    start: chain[0]!.start,
    end: chain.at(-1)!.end,
    visitNumber: "",
    personKey: -1,
  }));
  stays.push(...waitingPreAdmissions(random, facilities, currentInpatients, latest, stays.length));

  const actions = planActions(random, stays, new BedBook(segments), latest);
  const people = assignPeople(random, stays, windowStart);
  assignVisitNumbers(random, facilities, stays);

  // Event times strictly increase through the feed: equal planned times are one second apart.
  actions.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (let i = 1; i < actions.length; i++) actions[i]!.at = Math.max(actions[i]!.at, actions[i - 1]!.at + 1);
  if ((actions.at(-1)?.at ?? 0) >= window) throw new AppError("internal", "Demo feed ran past its window");

  const roster = createConsultantRoster(random, facilities);
  const events = eventsFromActions({ random, people, roster }, actions, windowStart);
  const source = options.source ?? DEMO_SOURCE;
  const tag = fnv1a(`${seed}|${startAt.toISOString()}`)
    .toString(36)
    .toUpperCase()
    .padStart(6, "0")
    .slice(0, 6);
  return events.map((event, index) => ({
    event,
    controlId: `DT${tag}${String(index + 1).padStart(6, "0")}`,
    source,
  }));
}

function waitingPreAdmissions(
  random: Random,
  facilities: readonly DemoFacility[],
  currentInpatients: number,
  latest: number,
  firstId: number,
): PlannedStay[] {
  const wards = facilities.flatMap((facility) => facility.wards.map((ward) => ({ facility, ward })));
  const elective = wards.filter(({ ward }) => specialtyProfile(ward.specialty).preAdmitRate >= 0.15);
  const choices = elective.length > 0 ? elective : wards;
  return Array.from({ length: Math.round(currentInpatients * WAITING_PRE_ADMITS) }, (_, index) => {
    const { facility, ward } = random.pick(choices);
    const start = uniformSeconds(random, Math.max(60, latest - 3 * DAY), latest);
    return {
      id: firstId + index,
      facilityCode: facility.code,
      segments: [],
      pendingWard: ward,
      start,
      end: null,
      visitNumber: "",
      personKey: -1,
    };
  });
}

/** PV1-19 visit numbers: "V" + site number + a per-site counter, in order of admission. */
function assignVisitNumbers(random: Random, facilities: readonly DemoFacility[], stays: PlannedStay[]): void {
  const counters = new Map(
    facilities.map((f, index) => [f.code, { site: index + 1, next: random.int(1e5, 4e5) }]),
  );
  for (const stay of [...stays].sort((a, b) => a.start - b.start || a.id - b.id)) {
    const counter = counters.get(stay.facilityCode)!;
    stay.visitNumber = `V${String(counter.site).padStart(2, "0")}${String(counter.next++).padStart(7, "0")}`;
  }
}
