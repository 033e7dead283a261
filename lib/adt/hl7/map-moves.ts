/**
 * Swaps and moves (HL7 v2.5 ch. 3.3), mapped to census events:
 *   A17 swap patients: two PID/PV1 groups, each PV1-3 the patient's new location (the other's old
 *       bed), PV1-6 the one they left → two swap events, one per patient; both move or neither.
 *   A44 move account information: the visits of patient MRG-1 whose account (PID-18 as sent on
 *       them, or their visit number) is MRG-3 move to patient PID-3 → one move-account event.
 *   A45 move visit information: visit MRG-5 (else PV1-19) of patient MRG-1 moves to patient PID-3
 *       → one move-visit event on that visit.
 * A47 (change patient identifier list: MRG-1 becomes PID-3) is mapped with the merges, whose
 * effect on the census is the same (map-message.ts).
 */
import { Hl7Message } from "@/lib/hl7/message";
import type { AdtEvent } from "../events";
import { localIdentifier, mapPatient } from "./map-patient";
import { mapVisit } from "./map-visit";
import { MappingRefusal, type MappingWarning, refuse } from "./mapping-result";

export interface MoveOptions {
  timeZone: string;
  mrnAuthorities?: readonly string[];
  warnings: MappingWarning[];
}

type EventBase = Omit<AdtEvent, "patient">;

/** PID-18.1, the patient account number, kept on the visit so a later A44 can name it. */
export function accountNumberOf(message: Hl7Message, pid = "PID"): string | undefined {
  return message.get(`${pid}-18.1`).trim() || undefined;
}

/**
 * The message's patient groups (each from a PID to the next), each seen as a message of its own
 * with the header segments (MSH, EVN…) before the first PID, so one patient's mapping reads only
 * that patient's segments.
 */
export function patientGroups(message: Hl7Message): Hl7Message[] {
  const all = message.allSegments;
  const starts = all.flatMap((segment, index) => (segment.name === "PID" ? [index] : []));
  const header = all.slice(0, starts[0] ?? all.length);
  return starts.map(
    (start, i) =>
      new Hl7Message(
        [...header, ...all.slice(start, starts[i + 1] ?? all.length)],
        message.encoding,
        message.charset,
        message.warnings,
      ),
  );
}

/** A refusal in group n names that occurrence (PID[2]-3), as the ERR segment must. */
function inGroup<T>(n: number, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (!(error instanceof MappingRefusal) || n === 1) throw error;
    const location = error.issue.location.replace(/^([A-Z][A-Z0-9]{2})(?=-|$)/, `$1[${n}]`);
    throw new MappingRefusal({ ...error.issue, location, message: `Second patient: ${error.issue.message}` });
  }
}

export function mapSwap(message: Hl7Message, base: EventBase, options: MoveOptions): AdtEvent[] {
  const groups = patientGroups(message);
  if (groups.length !== 2) refuse("PID", "101", "A17 (swap) needs two PID/PV1 groups, one per patient");
  return groups.map((group, i) =>
    inGroup(i + 1, () => {
      const patient = mapPatient(group, {
        mrnAuthorities: options.mrnAuthorities,
        warnings: options.warnings,
      });
      const visit = mapVisit(group, { timeZone: options.timeZone, kind: "swap", warnings: options.warnings });
      if (!visit.location?.ward) refuse("PV1-3", "101", "PV1-3.1 (the new ward) is required for a swap");
      const accountNumber = accountNumberOf(group);
      return { ...base, patient, visit: { ...visit, ...(accountNumber ? { accountNumber } : {}) } };
    }),
  );
}

function priorPatient(message: Hl7Message, options: MoveOptions, trigger: string): string {
  const prior = localIdentifier(message, "MRG-1", options.mrnAuthorities);
  if (!message.segment("MRG")) refuse("MRG", "101", `MRG segment is required for ${trigger}`);
  if (!prior) refuse("MRG-1", "101", `MRG-1 (the patient the visit moves from) is required for ${trigger}`);
  return prior;
}

/** A45: the visit named by MRG-5 (else PV1-19) becomes patient PID-3's. */
export function mapVisitMove(message: Hl7Message, base: EventBase, options: MoveOptions): AdtEvent {
  const fromMrn = priorPatient(message, options, "A45");
  const visitNumber = message.get("MRG-5.1").trim() || message.get("PV1-19.1").trim();
  if (!visitNumber) refuse("MRG-5", "101", "MRG-5 or PV1-19 (the visit that moves) is required for A45");
  const renumbered = message.get("PV1-19.1").trim();
  if (renumbered && renumbered !== visitNumber) {
    options.warnings.push({
      location: "PV1-19",
      code: "0",
      message: "PV1-19 differs from MRG-5: the visit was moved and keeps its number (A50 renumbers a visit)",
    });
  }
  const patient = mapPatient(message, { mrnAuthorities: options.mrnAuthorities, warnings: options.warnings });
  return { ...base, patient, visit: { visitNumber }, movedFrom: { mrn: fromMrn } };
}

/** A44: the visits of MRG-1 with account MRG-3 become patient PID-3's. */
export function mapAccountMove(message: Hl7Message, base: EventBase, options: MoveOptions): AdtEvent {
  const fromMrn = priorPatient(message, options, "A44");
  const accountNumber = message.get("MRG-3.1").trim() || accountNumberOf(message);
  if (!accountNumber) refuse("MRG-3", "101", "MRG-3 (the account whose visits move) is required for A44");
  const patient = mapPatient(message, { mrnAuthorities: options.mrnAuthorities, warnings: options.warnings });
  return { ...base, patient, movedFrom: { mrn: fromMrn, accountNumber } };
}
