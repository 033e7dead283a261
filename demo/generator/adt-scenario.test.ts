import { describe, expect, it } from "vitest";
import { isValidNhsNumber } from "@/lib/adt/nhs-number";
import { foldStay, type StayEventRecord, type StayState } from "@/lib/adt/stay-fold";
import { AppError } from "@/lib/errors";
import { type DemoAdtItem, generateAdtScenario } from "./adt-scenario";
import { type DemoWard, generateDemoHospital } from "./hospital";

const facilities = generateDemoHospital();
const startAt = new Date("2026-11-23T08:00:00Z");
const currentInpatients = 400;
const items = generateAdtScenario({ seed: 1, facilities, currentInpatients, startAt });
const wards = new Map<string, DemoWard>(
  facilities.flatMap((f) => f.wards.map((w) => [`${f.code}|${w.code}`, w] as const)),
);

/** Replays the feed through the census fold, visit by visit, calling `check` after every event. */
function replay(feed: readonly DemoAdtItem[], check?: (states: Map<string, StayState>, key: string) => void) {
  const recordsByStay = new Map<string, StayEventRecord[]>();
  const states = new Map<string, StayState>();
  for (const [arrival, { event }] of feed.entries()) {
    if (!event.visit) continue;
    const key = `${event.facilityCode}|${event.visit.visitNumber}`;
    const records = recordsByStay.get(key) ?? [];
    records.push({ kind: event.kind, eventAt: event.eventAt, arrival, visit: event.visit });
    recordsByStay.set(key, records);
    const state = foldStay(records);
    if (state) states.set(key, state);
    check?.(states, key);
  }
  return states;
}

const isInpatient = (state: StayState) => state.status === "admitted" || state.status === "on-leave";
const bedKey = (facility: string, state: StayState) =>
  `${facility}|${state.location.ward}|${state.location.room}|${state.location.bed}`;

describe("generateAdtScenario", () => {
  it("is deterministic for the same options and differs for another seed", () => {
    const options = { seed: 7, facilities, currentInpatients: 60, historyDays: 3, startAt };
    expect(generateAdtScenario(options)).toEqual(generateAdtScenario(options));
    expect(generateAdtScenario({ ...options, seed: 8 })).not.toEqual(generateAdtScenario(options));
  });

  it("ends with exactly the requested inpatients, each in their own bed, no ward over capacity", () => {
    const states = replay(items);
    const current = [...states.entries()].filter(([, state]) => isInpatient(state));
    expect(current).toHaveLength(currentInpatients);
    const beds = current.map(([key, state]) => bedKey(key.split("|")[0]!, state));
    expect(new Set(beds).size).toBe(beds.length);
    const perWard = new Map<string, number>();
    for (const [key, state] of current) {
      const wardKey = `${key.split("|")[0]}|${state.location.ward}`;
      expect(wards.has(wardKey), wardKey).toBe(true);
      expect(state.location.bed).toMatch(/^B\d{2}$/);
      perWard.set(wardKey, (perWard.get(wardKey) ?? 0) + 1);
    }
    for (const [wardKey, count] of perWard) expect(count).toBeLessThanOrEqual(wards.get(wardKey)!.bedCount);
    // Nobody is left "registered" (A04 attendances end within hours); some planned admissions wait.
    const statuses = [...states.values()].map((state) => state.status);
    expect(statuses).not.toContain("registered");
    expect(statuses.filter((status) => status === "pre-admitted").length).toBeGreaterThan(0);
  });

  it("never puts two patients in one bed at any moment of the feed", () => {
    const owner = new Map<string, string>();
    const held = new Map<string, string>();
    replay(items, (states, key) => {
      const previous = held.get(key);
      if (previous) owner.delete(previous);
      held.delete(key);
      const state = states.get(key)!;
      if (!isInpatient(state) && state.status !== "registered") return;
      const bed = bedKey(key.split("|")[0]!, state);
      expect(owner.get(bed) ?? key, `${bed} at ${state.lastEventAt.toISOString()}`).toBe(key);
      owner.set(bed, key);
      held.set(key, bed);
    });
  });

  it("keeps event times strictly increasing inside the history window, before startAt", () => {
    const times = items.map((item) => item.event.eventAt.getTime());
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
    expect(times[0]).toBeGreaterThanOrEqual(startAt.getTime() - 7 * 86_400_000);
    expect(times.at(-1)).toBeLessThan(startAt.getTime());
    expect(times.every((time) => time % 1000 === 0)).toBe(true);
    expect(new Set(items.map((item) => item.controlId)).size).toBe(items.length);
  });

  it("covers every ADT event the census handles", () => {
    const triggers = new Set(items.map((item) => item.event.trigger));
    const expected = [
      "A01",
      "A02",
      "A03",
      "A04",
      "A05",
      "A08",
      "A11",
      "A12",
      "A13",
      "A21",
      "A22",
      "A31",
      "A40",
    ];
    expect([...triggers].sort()).toEqual(expected);
    for (const { event } of items.filter((item) => item.event.kind === "register")) {
      expect(["E", "O"]).toContain(event.visit?.patientClass);
    }
  });

  it("uses synthetic identifiers: NHS test range, RXD MRNs, one admission per visit number", () => {
    const nhsByMrn = new Map<string, string | undefined>();
    const starts = new Map<string, number>();
    for (const { event } of items) {
      const { mrn, nhsNumber } = event.patient;
      expect(mrn).toMatch(/^RXD\d{7}$/);
      if (nhsNumber !== undefined) {
        expect(nhsNumber).toMatch(/^999\d{7}$/);
        expect(isValidNhsNumber(nhsNumber)).toBe(true);
      }
      expect(nhsByMrn.get(mrn) ?? nhsNumber).toBe(nhsNumber);
      nhsByMrn.set(mrn, nhsNumber);
      expect(event.patient.demographics.phone ?? "07700 900000").toMatch(/^07700 900\d{3}$/);
      if (event.kind === "admit" || event.kind === "register") {
        const key = `${event.facilityCode}|${event.visit!.visitNumber}`;
        starts.set(key, (starts.get(key) ?? 0) + 1);
      }
      const consultant = event.visit?.consultant;
      if (consultant) expect(consultant).toMatch(/^(Dr|Mr|Ms) [A-Z] [A-Z][A-Za-z']+$/);
    }
    expect([...starts.values()].every((count) => count === 1)).toBe(true);
  });

  it("merges a duplicate registration into the real patient and keeps the visit under them", () => {
    const merges = items.filter((item) => item.event.kind === "merge");
    expect(merges.length).toBeGreaterThan(0);
    for (const merge of merges) {
      const { mrn, visitNumber } = merge.event.mergedFrom!;
      const visitEvents = items.filter((item) => item.event.visit?.visitNumber === visitNumber);
      const before = visitEvents.filter((item) => item.event.eventAt < merge.event.eventAt);
      const after = visitEvents.filter((item) => item.event.eventAt > merge.event.eventAt);
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((item) => item.event.patient.mrn === mrn && !item.event.patient.nhsNumber)).toBe(
        true,
      );
      expect(after.every((item) => item.event.patient.mrn === merge.event.patient.mrn)).toBe(true);
      expect(merge.event.patient.mrn).not.toBe(mrn);
    }
  });

  it("refuses more inpatients than beds, and a history shorter than a day", () => {
    const beds = facilities.flatMap((f) => f.wards).reduce((sum, w) => sum + w.bedCount, 0);
    const run = (currentInpatients: number, historyDays?: number) => () =>
      generateAdtScenario({ seed: 1, facilities, currentInpatients, historyDays, startAt });
    expect(run(beds + 1)).toThrow(AppError);
    expect(run(10, 0.5)).toThrow(/historyDays/);
    expect(() => run(beds, 2)()).not.toThrow();
  });
});
