import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { entry, page, wardA } from "./census-entries.test-kit";
import { type HeldEntry, isNewer, reconcile } from "./reconcile";

const early = "2025-03-01T09:00:00.000Z";
const late = "2025-03-01T11:00:00.000Z";

function held(...pairs: [string, string][]): Map<string, HeldEntry> {
  return new Map(pairs.map(([stayId, updatedAt]) => [stayId, { updatedAt }]));
}

function plan(result: ReturnType<typeof reconcile>) {
  if (result.wipe) throw new Error("unexpected wipe");
  return { put: result.put.map((e) => `${e.stayId}@${e.updatedAt}`), remove: result.remove };
}

describe("reconcile", () => {
  it("stores a new stay", () => {
    expect(plan(reconcile(held(), page({ upserts: [entry("s1")] }), null))).toEqual({
      put: ["s1@2025-03-01T09:00:00.000Z"],
      remove: [],
    });
  });

  it("server newer than held: the client copy is replaced", () => {
    const result = reconcile(
      held(["s1", early]),
      page({ upserts: [entry("s1", { updatedAt: late })] }),
      "scope-v1",
    );
    expect(plan(result).put).toEqual([`s1@${late}`]);
  });

  it("client newer than a late page: the held copy is kept", () => {
    const result = reconcile(
      held(["s1", late]),
      page({ upserts: [entry("s1", { updatedAt: early })] }),
      "scope-v1",
    );
    expect(plan(result)).toEqual({ put: [], remove: [] });
  });

  it("a duplicate page changes nothing the second time", () => {
    const same = page({ upserts: [entry("s1", { updatedAt: late })] });
    expect(plan(reconcile(held(["s1", late]), same, "scope-v1"))).toEqual({ put: [], remove: [] });
  });

  it("within one page the newest version of a stay wins, whatever the order", () => {
    const upserts = [entry("s1", { updatedAt: late, bed: "Bed 9" }), entry("s1", { updatedAt: early })];
    const result = reconcile(held(), page({ upserts }), null);
    expect(plan(result).put).toEqual([`s1@${late}`]);
  });

  it("the last page removes every held stay not listed as live", () => {
    const last = page({ upserts: [], liveStayIds: ["s1"] });
    expect(plan(reconcile(held(["s1", early], ["s2", early]), last, "scope-v1"))).toEqual({
      put: [],
      remove: ["s2"],
    });
  });

  it("an empty last page with no live stays removes everything", () => {
    const last = page({ liveStayIds: [] });
    expect(plan(reconcile(held(["s1", early]), last, "scope-v1")).remove).toEqual(["s1"]);
  });

  it("a page without liveStayIds removes nothing", () => {
    expect(plan(reconcile(held(["s1", early]), page({ hasMore: true }), "scope-v1"))).toEqual({
      put: [],
      remove: [],
    });
  });

  it("does not store an upsert the last page does not list as live", () => {
    const last = page({ upserts: [entry("s1"), entry("s2")], liveStayIds: ["s1"] });
    expect(plan(reconcile(held(), last, null)).put).toEqual([`s1@${early}`]);
  });

  it("never stores a stay on a ward outside the scope", () => {
    const other = entry("s1", { wardId: "33333333-3333-4333-8333-333333333333" });
    expect(plan(reconcile(held(), page({ upserts: [other, entry("s2")] }), null)).put).toEqual([
      `s2@${early}`,
    ]);
  });

  it("a different scope version means wipe; the first sync adopts the version", () => {
    expect(
      reconcile(held(["s1", early]), page({ scope: { wardIds: [wardA], version: "v2" } }), "v1"),
    ).toEqual({
      wipe: true,
    });
    expect(reconcile(held(), page(), null).wipe).toBe(false);
  });

  it("compares server times as instants, not text", () => {
    expect(isNewer("2025-03-01T12:00:00+01:00", "2025-03-01T10:30:00Z")).toBe(true);
    expect(isNewer("2025-03-01T10:00:00.000Z", "2025-03-01T10:00:00.000Z")).toBe(false);
    expect(isNewer("2025-03-01T10:00:00.000002Z", "2025-03-01T10:00:00.000001Z")).toBe(true);
  });

  it("pages applied in any order and any number of times end with the newest version of each stay", () => {
    const version = fc.record({
      stay: fc.constantFrom("s1", "s2", "s3"),
      minute: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(version, { maxLength: 4 }), { maxLength: 6 }), (pages) => {
        const upserts = pages.map((p) =>
          p.map((v) =>
            entry(v.stay, { updatedAt: `2025-03-01T10:${String(v.minute).padStart(2, "0")}:00.000Z` }),
          ),
        );
        // Every page twice, the second time in reverse order: duplicates and late pages.
        const arrivals = [...upserts, ...[...upserts].reverse()];
        const state = new Map<string, CensusEntry>();
        for (const list of arrivals) {
          const result = reconcile(state, page({ upserts: list }), "scope-v1");
          if (!result.wipe) for (const e of result.put) state.set(e.stayId, e);
        }
        const newest = new Map<string, string>();
        for (const e of upserts.flat()) {
          if ((newest.get(e.stayId) ?? "") < e.updatedAt) newest.set(e.stayId, e.updatedAt);
        }
        expect(new Map([...state].map(([id, e]) => [id, e.updatedAt]))).toEqual(newest);
      }),
    );
  });
});
