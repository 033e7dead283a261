/** Cancels paired with the event they undo by meaning (kind, event time, location), not arrival. */
import { describe, expect, it } from "vitest";
import { withoutCancelled } from "./cancel-pairing";
import type { AdtEventKind, Location, VisitSnapshot } from "./events";
import type { StayEventRecord } from "./stay-event";
import { foldStay } from "./stay-fold";

let arrival = 0;
const at = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00Z`);
function event(kind: AdtEventKind, time: string, visit: Partial<VisitSnapshot> = {}): StayEventRecord {
  return { kind, eventAt: at(time), arrival: arrival++, visit: { visitNumber: "V1", ...visit } };
}
const place = (ward: string, bed?: string): Location => ({ ward, ...(bed ? { bed } : {}) });

describe("withoutCancelled", () => {
  it("undoes an admission whose A11 arrived first with the same event time", () => {
    const cancel = event("cancel-admit", "08:00");
    const admit = event("admit", "08:00", { location: place("OAK", "B1") });
    expect(withoutCancelled([cancel, admit])).toEqual([]);
    expect(foldStay([cancel, admit])!.status).toBe("cancelled");
  });

  it("keeps a patient on the list when the A13 arrived before the discharge it cancels", () => {
    const cancel = event("cancel-discharge", "17:00");
    const admit = event("admit", "08:00", { location: place("OAK", "B1") });
    const discharge = event("discharge", "17:00");
    expect(foldStay([cancel, admit, discharge])!.status).toBe("admitted");
  });

  it("undoes the transfer at the cancel's own time, not an earlier one that arrived before it", () => {
    const admit = event("admit", "08:00", { location: place("OAK", "B1") });
    const first = event("transfer", "09:00", { location: place("ELM", "B2") });
    const cancel = event("cancel-transfer", "10:00");
    const second = event("transfer", "10:00", { location: place("ASH", "B3") });
    expect(withoutCancelled([admit, first, cancel, second])).toEqual([admit, first]);
  });

  it("undoes the event at the location the cancel names (A11 PV1-3, A12 PV1-6)", () => {
    const wrongBed = event("admit", "08:00", { location: place("OAK", "B1") });
    const rightBed = event("admit", "08:00", { location: place("OAK", "B4") });
    const cancelAdmit = event("cancel-admit", "08:00", { location: place("OAK", "B1") });
    expect(withoutCancelled([cancelAdmit, rightBed, wrongBed])).toEqual([rightBed]);

    const toElm = event("transfer", "09:00", { location: place("ELM", "B2") });
    const toAsh = event("transfer", "09:00", { location: place("ASH", "B3") });
    // PV1-3 is where the patient goes back to; PV1-6 the erroneous transfer's location.
    const cancelTransfer = event("cancel-transfer", "09:00", {
      location: place("OAK", "B4"),
      priorLocation: place("ELM", "B2"),
    });
    expect(withoutCancelled([cancelTransfer, toAsh, toElm, rightBed])).toEqual([rightBed, toAsh]);
  });

  it("falls back to time and arrival when the named location matches nothing", () => {
    const admit = event("admit", "08:00", { location: place("OAK", "B1") });
    const cancel = event("cancel-admit", "08:05", { location: place("YEW") });
    expect(withoutCancelled([admit, cancel])).toEqual([]);
  });

  it("keeps an unmatched cancel pending until its target arrives, undoing each event once", () => {
    const admit = event("admit", "08:00", { location: place("OAK", "B1") });
    const cancelA = event("cancel-discharge", "12:00");
    const cancelB = event("cancel-discharge", "15:00");
    expect(foldStay([admit, cancelA, cancelB])!.status).toBe("admitted");
    const discharge = event("discharge", "12:00");
    // One discharge, two cancels: the discharge is undone once; the other cancel still waits.
    expect(withoutCancelled([admit, cancelA, cancelB, discharge])).toEqual([admit]);
    const again = event("discharge", "14:00");
    expect(withoutCancelled([admit, cancelA, cancelB, discharge, again])).toEqual([admit]);
    const final = event("discharge", "16:00");
    expect(foldStay([admit, cancelA, cancelB, discharge, again, final])!.status).toBe("discharged");
  });

  it("never lets a cancel undo an event that happened after it", () => {
    const cancel = event("cancel-transfer", "09:00");
    const admit = event("admit", "08:00", { location: place("OAK", "B1") });
    const later = event("transfer", "11:00", { location: place("ELM", "B2") });
    expect(foldStay([cancel, admit, later])!.location).toEqual(place("ELM", "B2"));
  });
});
