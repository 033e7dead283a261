/**
 * Replays the planned actions in time order into census events, keeping each stay's current
 * state (location, consultant, class) and each person's current details, so every event is a
 * full snapshot as a PAS sends it: PV1 always carries the current location, PV1-6 the prior one
 * on a transfer, PV1-44 the admission time and PV1-45 the discharge time.
 */
import {
  type AdtEvent,
  type AdtEventKind,
  adtEventKinds,
  type Location,
  type VisitSnapshot,
} from "@/lib/adt/events";
import { carriesClinicalFlags } from "./adt-structures";
import { drawNewAlert } from "./clinical-flags";
import type { ConsultantRoster } from "./consultants";
import { chance } from "./distributions";
import type { DemoWard } from "./hospital";
import { type DemoPerson, syntheticPhone, toPatientRecord } from "./people";
import { ageOn } from "./person-profiles";
import { firstWard, type PlannedAction, type PlannedStay } from "./planned-stay";
import type { Random } from "./random";
import { specialtyProfile } from "./specialty-profiles";

interface StayState {
  personKey: number;
  ward: DemoWard;
  location: Location;
  patientClass: string;
  consultant?: string;
  admittedAt?: Date;
  /** Where the patient was before a transfer entered in error, restored by its A12. */
  undo?: { ward: DemoWard; location: Location };
}

const kindByAction: Record<PlannedAction["type"], AdtEventKind> = {
  "pre-admit": "pre-admit",
  admit: "admit",
  register: "register",
  transfer: "transfer",
  "bed-move": "update",
  "consultant-change": "update",
  "leave-out": "leave-out",
  "leave-return": "leave-return",
  discharge: "discharge",
  "cancel-discharge": "cancel-discharge",
  "transfer-in-error": "transfer",
  "cancel-transfer": "cancel-transfer",
  "cancel-admit": "cancel-admit",
  "person-update": "person-update",
  merge: "merge",
};

export interface EventContext {
  random: Random;
  people: DemoPerson[];
  roster: ConsultantRoster;
}

export function eventsFromActions(
  context: EventContext,
  actions: readonly PlannedAction[],
  windowStart: Date,
) {
  const { random, people, roster } = context;
  const states = new Map<PlannedStay, StayState>();
  const pickConsultant = (facilityCode: string, ward: DemoWard, not?: string) =>
    random.pick(roster(facilityCode, ward.specialty).filter((name) => name !== not));

  const stateOf = (stay: PlannedStay): StayState => {
    let state = states.get(stay);
    if (!state) {
      const ward = firstWard(stay);
      state = {
        personKey: stay.duplicateKey ?? stay.personKey,
        ward,
        location: { ward: ward.code },
        patientClass: "P",
        consultant: pickConsultant(stay.facilityCode, ward),
      };
      states.set(stay, state);
    }
    return state;
  };

  const apply = (action: PlannedAction, state: StayState, at: Date): Partial<VisitSnapshot> => {
    const { stay, bed } = action;
    const moveTo = () => {
      const prior = state.location;
      state.location = { ward: bed!.ward.code, room: bed!.room, bed: bed!.bed };
      if (bed!.ward.specialty !== state.ward.specialty || chance(random, 0.3)) {
        state.consultant = pickConsultant(stay.facilityCode, bed!.ward, state.consultant);
      }
      state.ward = bed!.ward;
      return { priorLocation: prior };
    };
    switch (action.type) {
      case "admit":
      case "register": {
        const first = stay.segments[0]!.bed;
        state.location = { ward: first.ward.code, room: first.room, bed: first.bed };
        state.patientClass =
          action.type === "admit" ? "I" : specialtyProfile(first.ward.specialty).registrationClass;
        state.admittedAt = at;
        return {};
      }
      case "transfer":
        return moveTo();
      case "bed-move":
        // An A08 bed change: PV1-6 (prior location) belongs to transfers (A02), so it is not sent.
        moveTo();
        return {};
      case "transfer-in-error":
        state.undo = { ward: state.ward, location: state.location };
        return moveTo();
      case "cancel-transfer": {
        const cancelled = state.location;
        state.ward = state.undo!.ward;
        state.location = state.undo!.location;
        // A12: PV1-3 is where the patient is again, PV1-6 the location being cancelled (v2.4 3.3.12).
        return { priorLocation: cancelled };
      }
      case "consultant-change":
        state.consultant = pickConsultant(stay.facilityCode, state.ward, state.consultant);
        return {};
      case "discharge":
        return { dischargedAt: at };
      case "person-update":
        updatePerson(state.personKey, at);
        return {};
      case "merge":
        state.personKey = stay.personKey;
        return {};
      default:
        return {};
    }
  };

  const updatePerson = (key: number, at: Date) => {
    const person = people[key]!;
    const roll = random.next();
    const alert = roll >= 0.8 ? drawNewAlert(random, ageOn(person.birthDate, at), person.alerts) : undefined;
    if (alert) people[key] = { ...person, alerts: [...person.alerts, alert] };
    else if (roll >= 0.5)
      people[key] = { ...person, address: person.address.replace(/^\d+/, String(random.int(1, 180))) };
    else people[key] = { ...person, phone: syntheticPhone(random) };
  };

  return actions.map((action): AdtEvent => {
    const at = new Date(windowStart.getTime() + action.at * 1000);
    const kind = kindByAction[action.type];
    const state = stateOf(action.stay);
    const mergedFromKey = action.type === "merge" ? state.personKey : undefined;
    const extra = apply(action, state, at);
    const event: AdtEvent = {
      kind,
      trigger: adtEventKinds[kind],
      facilityCode: action.stay.facilityCode,
      eventAt: at,
      patient: toPatientRecord(people[state.personKey]!, carriesClinicalFlags(kind)),
    };
    if (mergedFromKey !== undefined) {
      event.mergedFrom = { mrn: people[mergedFromKey]!.mrn, visitNumber: action.stay.visitNumber };
    }
    if (kind !== "person-update" && kind !== "merge") {
      event.visit = {
        visitNumber: action.stay.visitNumber,
        patientClass: state.patientClass,
        location: { ...state.location },
        consultant: state.consultant,
        specialty: state.ward.specialty,
        admittedAt: state.admittedAt,
        ...extra,
      };
    }
    return event;
  });
}
