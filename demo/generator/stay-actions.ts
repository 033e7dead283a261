/**
 * Plans what happens to each stay and when: the admission and every bed change from its
 * segments, then the everyday noise of a PAS feed at modest rates (consultant changes, leave,
 * discharges and transfers entered in error and cancelled, person updates, a merge of a
 * duplicate registration). Extras are placed inside the stay and never overlap each other or
 * a bed change, so a leave never spans a transfer and a cancel always undoes the event before it.
 */
import type { BedBook } from "./bed-book";
import { chance, DAY, HOUR, MINUTE, uniformSeconds } from "./distributions";
import { type ActionType, firstWard, type PlannedAction, type PlannedStay } from "./planned-stay";
import type { Random } from "./random";
import { specialtyProfile } from "./specialty-profiles";

const rates = {
  consultantChange: 0.1,
  leave: 0.05,
  leaveAtEnd: 0.02,
  dischargeInError: 0.015,
  transferInError: 0.02,
  personUpdate: 0.04,
  merge: 0.004,
};

export function planActions(random: Random, stays: readonly PlannedStay[], book: BedBook, latest: number) {
  const actions: PlannedAction[] = [];
  const add = (at: number, type: ActionType, stay: PlannedStay, bed?: PlannedAction["bed"]) =>
    actions.push({ at, seq: actions.length, type, stay, bed });
  let merges = 0;

  const planStay = (stay: PlannedStay) => {
    const head = stay.segments[0];
    if (!head) return add(stay.start, "pre-admit", stay);
    if (head.kind !== "inpatient") {
      add(stay.start, head.kind === "registration" ? "register" : "admit", stay);
      return add(stay.end!, head.kind === "registration" ? "discharge" : "cancel-admit", stay);
    }
    const busy: [number, number][] = stay.segments.slice(1).map((s) => [s.start - 20 * MINUTE, s.start]);
    const low = stay.start + 30 * MINUTE;
    const high = (stay.end ?? latest) - 30 * MINUTE;
    const reserve = (from: number, to: number) => {
      if (from < low || to > high || busy.some(([a, b]) => a < to + 15 * MINUTE && from < b + 15 * MINUTE)) {
        return false;
      }
      busy.push([from, to]);
      return true;
    };
    const place = (duration: number): number | null => {
      for (let attempt = 0; attempt < 4; attempt++) {
        const from = uniformSeconds(random, low, high - duration);
        if (reserve(from, from + duration)) return from;
      }
      return null;
    };

    // Planned admissions are booked (A05) from hours to two weeks ahead, when that is inside the window.
    const preAdmitAt = stay.start - uniformSeconds(random, 2 * HOUR, 14 * DAY);
    const preAdmitted =
      chance(random, specialtyProfile(head.bed.ward.specialty).preAdmitRate) && preAdmitAt > 0;
    if (preAdmitted) add(preAdmitAt, "pre-admit", stay);
    add(stay.start, "admit", stay);
    for (const segment of stay.segments.slice(1)) {
      const sameWard = segment.bed.ward === segment.previous?.bed.ward;
      add(segment.start, sameWard ? "bed-move" : "transfer", stay, segment.bed);
    }
    if (stay.end !== null) add(stay.end, "discharge", stay);

    if (!preAdmitted && chance(random, rates.merge)) {
      // The duplicate is made at the front door, so the merge comes within hours of admission.
      const at = Math.min(high, stay.start + uniformSeconds(random, 30 * MINUTE, 8 * HOUR));
      if (reserve(at, at)) {
        stay.mergeAt = at;
        add(at, "merge", stay);
        merges++;
      }
    }
    if (chance(random, rates.consultantChange)) {
      const at = place(0);
      if (at !== null) add(at, "consultant-change", stay);
    }
    if ((stay.end ?? latest) - stay.start > 2 * DAY && chance(random, rates.leave)) {
      const from = place(uniformSeconds(random, 4 * HOUR, 2 * DAY));
      if (from !== null) {
        add(from, "leave-out", stay);
        add(busy.at(-1)![1], "leave-return", stay);
      }
    }
    if (stay.end === null && chance(random, rates.leaveAtEnd)) {
      // Still on leave at the end: the bed is held (A21 without its A22).
      const from = Math.max(low, latest - uniformSeconds(random, HOUR, DAY));
      if (from < latest - 10 * MINUTE && reserve(from, high)) add(from, "leave-out", stay);
    }
    if (chance(random, rates.dischargeInError)) {
      const from = place(uniformSeconds(random, 10 * MINUTE, 2 * HOUR));
      if (from !== null) {
        add(from, "discharge", stay);
        add(busy.at(-1)![1], "cancel-discharge", stay);
      }
    }
    if (chance(random, rates.transferInError)) planTransferInError(stay, place, busy);
    if (chance(random, rates.personUpdate)) {
      const at = place(0);
      if (at !== null) add(at, "person-update", stay);
    }
  };

  const planTransferInError = (
    stay: PlannedStay,
    place: (duration: number) => number | null,
    busy: [number, number][],
  ) => {
    const from = place(uniformSeconds(random, 10 * MINUTE, 60 * MINUTE));
    if (from === null) return;
    const to = busy.at(-1)![1];
    const group = specialtyProfile(firstWard(stay).specialty).group;
    const beds = book.bedsAt(stay.facilityCode);
    for (let attempt = 0; attempt < 12; attempt++) {
      const bed = random.pick(beds);
      const wardAtTheTime = stay.segments.findLast((s) => s.start <= from)?.bed.ward;
      if (bed.ward === wardAtTheTime || specialtyProfile(bed.ward.specialty).group !== group) continue;
      if (!book.isFree(bed, from, to)) continue;
      book.book(bed, from, to);
      add(from, "transfer-in-error", stay, bed);
      add(to, "cancel-transfer", stay);
      return;
    }
    busy.pop();
  };

  for (const stay of stays) planStay(stay);
  if (merges === 0) {
    // At least one merge, so every demo shows how an A40 lands.
    const preAdmitted = new Set(actions.filter((a) => a.type === "pre-admit").map((a) => a.stay));
    const candidate = stays.find(
      (s) =>
        s.segments[0]?.kind === "inpatient" &&
        s.end !== null &&
        !preAdmitted.has(s) &&
        s.end - s.start > HOUR,
    );
    if (candidate) {
      // Ten minutes in: before any extra, which are placed at least 30 minutes after admission.
      candidate.mergeAt = candidate.start + 10 * MINUTE;
      add(candidate.mergeAt, "merge", candidate);
    }
  }
  return actions;
}
