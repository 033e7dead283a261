import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { entry } from "./census-entries.test-kit";
import { changeSummary, mergeWardSnapshots, type WardSnapshot, wardChanges } from "./view-reconcile";

const t = (minute: number) => new Date(Date.UTC(2025, 2, 1, 10, minute)).toISOString();

function snapshot(source: WardSnapshot["source"], asOf: string, entries: CensusEntry[]): WardSnapshot {
  return { source, asOf, entries };
}

const shown = (merged: WardSnapshot | null) =>
  merged?.entries.map((e) => `${e.stayId}:${e.bed}@${e.updatedAt.slice(11, 16)}`);

describe("mergeWardSnapshots", () => {
  it("shows the device copy alone until the server answers, and the server's alone when none is held", () => {
    const device = snapshot("device", t(0), [entry("s1")]);
    expect(mergeWardSnapshots(device, null)).toBe(device);
    expect(mergeWardSnapshots(null, device)).toBe(device);
    expect(mergeWardSnapshots(null, null)).toBeNull();
  });

  it("server newer than the device: a patient the device still holds has left, a new one has arrived", () => {
    const device = snapshot("device", t(0), [entry("s1"), entry("s2", { bed: "Bed 2" })]);
    const server = snapshot("server", t(5), [
      entry("s2", { bed: "Bed 2" }),
      entry("s3", { bed: "Bed 3", updatedAt: t(4) }),
    ]);
    const merged = mergeWardSnapshots(device, server);
    expect(merged?.source).toBe("server");
    expect(merged?.asOf).toBe(t(5));
    expect(shown(merged)).toEqual(["s2:Bed 2@09:00", "s3:Bed 3@10:04"]);
  });

  it("device newer than a slow server answer: the device's later versions are not rolled back", () => {
    const server = snapshot("server", t(1), [entry("s1", { bed: "Bed 1", updatedAt: t(0) })]);
    const device = snapshot("device", t(6), [entry("s1", { bed: "Bed 7", updatedAt: t(3) })]);
    expect(shown(mergeWardSnapshots(server, device))).toEqual(["s1:Bed 7@10:03"]);
    expect(mergeWardSnapshots(server, device)?.source).toBe("device");
  });

  it("an entry of the older copy that changed after the newer copy was taken is kept", () => {
    const device = snapshot("device", t(10), [entry("s1")]);
    const server = snapshot("server", t(2), [entry("s1"), entry("s9", { bed: "Bed 9", updatedAt: t(12) })]);
    expect(shown(mergeWardSnapshots(device, server))).toEqual(["s1:Bed 1@09:00", "s9:Bed 9@10:12"]);
  });

  it("within one stay the later updatedAt wins whichever copy holds it", () => {
    const older = entry("s1", { bed: "Bed 1", updatedAt: t(1) });
    const newer = entry("s1", { bed: "Bed 4", updatedAt: t(2) });
    const a = snapshot("server", t(3), [older]);
    const b = snapshot("device", t(2), [newer]);
    expect(shown(mergeWardSnapshots(a, b))).toEqual(["s1:Bed 4@10:02"]);
  });

  it("equal as-of times: the server's membership wins", () => {
    const device = snapshot("device", t(1), [entry("s1"), entry("s2", { bed: "Bed 2" })]);
    const server = snapshot("server", t(1), [entry("s1")]);
    expect(shown(mergeWardSnapshots(device, server))).toEqual(["s1:Bed 1@09:00"]);
    expect(shown(mergeWardSnapshots(server, device))).toEqual(["s1:Bed 1@09:00"]);
  });

  it("is the same in both directions and sorted by bed, for any two copies", () => {
    const stay = fc.constantFrom("s1", "s2", "s3", "s4");
    const anEntry = fc
      .record({ stayId: stay, bed: fc.constantFrom("Bed 1", "Bed 2", "Bed 10"), minute: fc.nat(30) })
      .map(({ stayId, bed, minute }) => entry(stayId, { bed, updatedAt: t(minute) }));
    const aSnapshot = (source: WardSnapshot["source"]) =>
      fc
        .record({
          asOf: fc.nat(40).map(t),
          entries: fc.uniqueArray(anEntry, { selector: (e) => e.stayId, maxLength: 4 }),
        })
        .map(({ asOf, entries }) => snapshot(source, asOf, entries));
    fc.assert(
      fc.property(aSnapshot("device"), aSnapshot("server"), (device, server) => {
        const forward = mergeWardSnapshots(device, server)!;
        const backward = mergeWardSnapshots(server, device)!;
        expect(shown(forward)).toEqual(shown(backward));
        const beds = forward.entries.map((e) => Number(e.bed?.split(" ")[1]));
        const ids = new Set(forward.entries.map((e) => e.stayId));
        expect(ids.size).toBe(forward.entries.length);
        expect(beds.every((bed, i) => i === 0 || beds[i - 1]! <= bed)).toBe(true);
      }),
    );
  });
});

describe("wardChanges", () => {
  it("tells arrivals, departures, bed moves and updates apart", () => {
    const before = [entry("s1"), entry("s2", { bed: "Bed 2" }), entry("s3", { bed: "Bed 3" })];
    const after = [
      entry("s1", { updatedAt: t(5) }),
      entry("s2", { bed: "Bed 6", updatedAt: t(5) }),
      entry("s4", { bed: "Bed 4" }),
    ];
    const changes = wardChanges(before, after);
    expect(changes.arrived.map((e) => e.stayId)).toEqual(["s4"]);
    expect(changes.left.map((e) => e.stayId)).toEqual(["s3"]);
    expect(changes.moved.map((m) => [m.entry.stayId, m.fromBed, m.entry.bed])).toEqual([
      ["s2", "Bed 2", "Bed 6"],
    ]);
    expect(changes.updated.map((e) => e.stayId)).toEqual(["s1"]);
    expect(changeSummary(changes)).toBe(
      "Ward list updated: 1 patient arrived, 1 patient left the ward, 1 patient moved bed, 1 patient updated.",
    );
  });

  it("tells a move to the same bed number in another bay as a move, naming the bay it left", () => {
    const before = [entry("s1", { room: "Bay 1", bed: "1" })];
    const after = [entry("s1", { room: "Bay 2", bed: "1", updatedAt: t(5) })];
    expect(wardChanges(before, after).moved.map((m) => [m.fromRoom, m.fromBed])).toEqual([["Bay 1", "1"]]);
  });

  it("says nothing when nothing changed, and never names a patient", () => {
    const list = [entry("s1"), entry("s2", { bed: "Bed 2" })];
    expect(changeSummary(wardChanges(list, list))).toBeNull();
    const summary = changeSummary(wardChanges([], list));
    expect(summary).toBe("Ward list updated: 2 patients arrived.");
    expect(summary).not.toMatch(/Patient|Test|MRN/);
  });
});
