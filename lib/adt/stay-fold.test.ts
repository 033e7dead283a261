import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withoutCancelled } from "./cancel-pairing";
import type { AdtEventKind, VisitSnapshot } from "./events";
import { foldStay, type StayEventRecord } from "./stay-fold";

let arrival = 0;
const at = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00Z`);
function event(kind: AdtEventKind, time: string, visit: Partial<VisitSnapshot> = {}): StayEventRecord {
  return { kind, eventAt: at(time), arrival: arrival++, visit: { visitNumber: "V1", ...visit } };
}
const ward = (code: string, bed?: string) => ({ location: { ward: code, bed } });

describe("foldStay", () => {
  it("follows an admission through transfer, leave and discharge", () => {
    const state = foldStay([
      event("admit", "08:00", { ...ward("OAK", "B1"), patientClass: "I", consultant: "Dr Ash" }),
      event("transfer", "10:00", ward("ELM", "B7")),
      event("leave-out", "12:00"),
      event("leave-return", "13:00"),
    ])!;
    expect(state.status).toBe("admitted");
    expect(state.location).toEqual({ ward: "ELM", bed: "B7" });
    expect(state.consultant).toBe("Dr Ash");
    expect(state.admittedAt).toEqual(at("08:00"));
    expect(state.history.map((entry) => [entry.kind, entry.ward])).toEqual([
      ["admit", "OAK"],
      ["transfer", "ELM"],
      ["leave-out", "ELM"],
      ["leave-return", "ELM"],
    ]);
    const discharged = foldStay([event("admit", "08:00", ward("OAK")), event("discharge", "18:00")])!;
    expect(discharged.status).toBe("discharged");
    expect(discharged.dischargedAt).toEqual(at("18:00"));
  });

  it("moves a swapped patient (A17) like a transfer; a visit move (A45) changes neither place nor status", () => {
    const swapped = foldStay([
      event("admit", "08:00", ward("OAK", "B3")),
      event("swap", "10:00", ward("OAK", "B4")),
    ])!;
    expect(swapped).toMatchObject({ status: "admitted", location: { ward: "OAK", bed: "B4" } });
    expect(swapped.history.map((entry) => entry.kind)).toEqual(["admit", "swap"]);
    const moved = foldStay([event("admit", "08:00", ward("OAK", "B3")), event("move-visit", "10:00")])!;
    expect(moved).toMatchObject({ status: "admitted", location: { ward: "OAK", bed: "B3" } });
    expect(moved.lastEventAt).toEqual(at("10:00"));
    // A move alone (its admission not here yet) puts nobody on a ward.
    expect(foldStay([event("move-visit", "10:00")])!.status).toBe("cancelled");
    // The latest account number sent is the stay's (what an A44 names).
    const accounts = foldStay([
      event("admit", "08:00", { ...ward("OAK"), accountNumber: "ACC-1" }),
      event("update", "09:00", { accountNumber: "ACC-2" }),
      event("update", "09:30"),
    ])!;
    expect(accounts.accountNumber).toBe("ACC-2");
  });

  it("lets an older event arrive late without overwriting the newer state", () => {
    const transfer = event("transfer", "10:00", ward("ELM", "B7"));
    const admit = event("admit", "08:00", ward("OAK", "B1"));
    expect(foldStay([transfer, admit])!.location).toEqual({ ward: "ELM", bed: "B7" });
  });

  it("undoes exactly the event a cancel names, even when the cancel arrives first", () => {
    const admit = event("admit", "08:00", ward("OAK", "B1"));
    const transfer1 = event("transfer", "09:00", ward("ELM", "B2"));
    const transfer2 = event("transfer", "10:00", ward("ASH", "B3"));
    const cancelTransfer = event("cancel-transfer", "10:05");
    const state = foldStay([cancelTransfer, transfer2, admit, transfer1])!;
    expect(state.location).toEqual({ ward: "ELM", bed: "B2" });
    expect(state.status).toBe("admitted");
  });

  it("restores the stay when a discharge is cancelled (A13)", () => {
    const state = foldStay([
      event("admit", "08:00", ward("OAK", "B1")),
      event("discharge", "12:00"),
      event("cancel-discharge", "12:30"),
    ])!;
    expect(state.status).toBe("admitted");
    expect(state.dischargedAt).toBeUndefined();
  });

  it("marks a stay cancelled when its admission is cancelled (A11)", () => {
    expect(foldStay([event("admit", "08:00", ward("OAK")), event("cancel-admit", "08:10")])!.status).toBe(
      "cancelled",
    );
  });

  it("ignores a cancel with nothing to cancel", () => {
    const events = [event("cancel-discharge", "07:00"), event("admit", "08:00", ward("OAK"))];
    expect(withoutCancelled(events).map((e) => e.kind)).toEqual(["admit"]);
  });

  it("keeps the bed on an update that names only the consultant, and drops it on a ward change", () => {
    const state = foldStay([
      event("admit", "08:00", ward("OAK", "B1")),
      event("update", "09:00", { consultant: "Dr Birch" }),
    ])!;
    expect(state.location).toEqual({ ward: "OAK", bed: "B1" });
    expect(state.consultant).toBe("Dr Birch");
    const moved = foldStay([
      event("admit", "08:00", ward("OAK", "B1")),
      event("transfer", "09:00", { location: { ward: "ELM" } }),
    ])!;
    expect(moved.location).toEqual({ ward: "ELM" });
  });

  it("infers a status for a stay first seen through an update (A08)", () => {
    expect(foldStay([event("update", "09:00", { patientClass: "I", ...ward("OAK") })])!.status).toBe(
      "admitted",
    );
    expect(foldStay([event("update", "09:00", { patientClass: "P" })])!.status).toBe("pre-admitted");
  });

  it("returns null for no events", () => {
    expect(foldStay([])).toBeNull();
  });
});

/** A random but clinically valid sequence of events for one stay, with distinct event times. */
const validSequence = fc
  .array(fc.constantFrom("transfer", "leave", "update", "cancel-transfer"), { maxLength: 8 })
  .chain((middle) =>
    fc.record({
      middle: fc.constant(middle),
      wards: fc.array(fc.constantFrom("OAK", "ELM", "ASH", "YEW"), {
        minLength: middle.length + 1,
        maxLength: middle.length + 1,
      }),
      ending: fc.constantFrom("none", "discharge", "discharge-cancelled", "admit-cancelled"),
    }),
  )
  .map(({ middle, wards, ending }) => {
    const events: { kind: AdtEventKind; visit: VisitSnapshot }[] = [
      {
        kind: "admit",
        visit: { visitNumber: "V", location: { ward: wards[0], bed: "1" }, patientClass: "I" },
      },
    ];
    middle.forEach((step, i) => {
      const location = { ward: wards[i + 1], bed: String(i + 2) };
      if (step === "leave") {
        events.push(
          { kind: "leave-out", visit: { visitNumber: "V" } },
          { kind: "leave-return", visit: { visitNumber: "V" } },
        );
      } else if (step === "update")
        events.push({ kind: "update", visit: { visitNumber: "V", consultant: `Dr ${i}` } });
      else if (step === "transfer") events.push({ kind: "transfer", visit: { visitNumber: "V", location } });
      else
        events.push(
          { kind: "transfer", visit: { visitNumber: "V", location } },
          { kind: "cancel-transfer", visit: { visitNumber: "V" } },
        );
    });
    if (ending !== "none") events.push({ kind: "discharge", visit: { visitNumber: "V" } });
    if (ending === "discharge-cancelled")
      events.push({ kind: "cancel-discharge", visit: { visitNumber: "V" } });
    if (ending === "admit-cancelled") events.push({ kind: "cancel-admit", visit: { visitNumber: "V" } });
    return events.map((e, i) => ({ ...e, id: i, eventAt: new Date(Date.UTC(2026, 10, 20, 8, i)) }));
  });

/** The same sequences as an Epic-style feed sends them: each cancel at its target's event time. */
const epicSequence = validSequence.map((events) =>
  events.map((e, i) => {
    if (e.kind === "cancel-admit") return { ...e, eventAt: events[0]!.eventAt };
    if (e.kind === "cancel-transfer" || e.kind === "cancel-discharge")
      return { ...e, eventAt: events[i - 1]!.eventAt };
    return e;
  }),
);

type Sequenced = { id: number; kind: AdtEventKind; eventAt: Date; visit: VisitSnapshot };

/** Delivery in a seeded random order with duplicates, stored once per message as the database does. */
function deliver(events: Sequenced[], duplicateAt: number[], seed: number, cancelsFirst = false) {
  const delivered = [...events, ...duplicateAt.map((n) => events[n % events.length]!)]
    .map((e, i) => ({ e, key: Math.sin(seed + i) - (cancelsFirst && e.kind.startsWith("cancel") ? 10 : 0) }))
    .sort((a, b) => a.key - b.key)
    .map(({ e }) => e);
  const seen = new Set<number>();
  return delivered
    .filter((e) => !seen.has(e.id) && seen.add(e.id))
    .map((e, arrivalIndex) => ({ ...e, arrival: arrivalIndex }));
}

describe("foldStay convergence (property)", () => {
  const inOrder = (events: Sequenced[]) => foldStay(events.map((e, i) => ({ ...e, arrival: i })));
  const orders = [fc.array(fc.nat(), { maxLength: 6 }), fc.integer()] as const;

  it("gives the in-order state for any shuffled delivery with duplicates", () => {
    fc.assert(
      fc.property(validSequence, ...orders, (events, duplicateAt, seed) => {
        expect(foldStay(deliver(events, duplicateAt, seed))).toEqual(inOrder(events));
      }),
      { numRuns: 500 },
    );
  });

  it("does so when each cancel has its target's event time, in any order", () => {
    fc.assert(
      fc.property(epicSequence, ...orders, (events, duplicateAt, seed) => {
        expect(foldStay(deliver(events, duplicateAt, seed))).toEqual(inOrder(events));
      }),
      { numRuns: 500 },
    );
  });

  it("does so when every cancel arrives before the events it could undo", () => {
    fc.assert(
      fc.property(fc.oneof(validSequence, epicSequence), ...orders, (events, duplicateAt, seed) => {
        expect(foldStay(deliver(events, duplicateAt, seed, true))).toEqual(inOrder(events));
      }),
      { numRuns: 500 },
    );
  });
});
