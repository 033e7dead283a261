import { describe, expect, it } from "vitest";
import { purgeReason, retentionCutoffs, type StayFacts, stayEndedAt, stayRetention } from "./purge-rules";

const now = new Date("2026-11-20T12:00:00Z");
const policy = { graceHoursAfterDischarge: 24, maxDaysWithoutEvents: 30 };
const cutoffs = retentionCutoffs(policy, now);
const at = (iso: string) => new Date(iso);
const discharged = (when: string, last = when): StayFacts => ({
  status: "discharged",
  dischargedAt: at(when),
  lastEventAt: at(last),
});
const admitted = (last: string): StayFacts => ({
  status: "admitted",
  dischargedAt: null,
  lastEventAt: at(last),
});
const recently = at("2026-11-01T00:00:00Z");

describe("retentionCutoffs", () => {
  it("subtracts the grace hours and the days without events from now", () => {
    expect(cutoffs).toEqual({
      endedBefore: at("2026-11-19T12:00:00Z"),
      staleBefore: at("2026-10-21T12:00:00Z"),
    });
    expect(
      retentionCutoffs({ graceHoursAfterDischarge: 0, maxDaysWithoutEvents: 1 }, now).endedBefore,
    ).toEqual(now);
  });
});

describe("stayEndedAt", () => {
  it("is the discharge time, the last event for a cancelled stay or a discharge without a time", () => {
    expect(stayEndedAt(discharged("2026-11-18T10:00:00Z", "2026-11-19T10:00:00Z"))).toEqual(
      at("2026-11-18T10:00:00Z"),
    );
    expect(stayEndedAt({ status: "discharged", dischargedAt: null, lastEventAt: recently })).toEqual(
      recently,
    );
    expect(stayEndedAt({ status: "cancelled", dischargedAt: null, lastEventAt: recently })).toEqual(recently);
    for (const status of ["admitted", "on-leave", "pre-admitted", "registered"] as const) {
      expect(stayEndedAt({ status, dischargedAt: null, lastEventAt: recently })).toBeNull();
    }
  });
});

describe("stayRetention", () => {
  it("ends a discharge exactly when the grace period has passed, not a moment before", () => {
    expect(stayRetention(discharged("2026-11-19T12:00:00Z"), cutoffs)).toBe("ended");
    expect(stayRetention(discharged("2026-11-19T12:00:01Z"), cutoffs)).toBe("keep");
  });

  it("calls a stay stale after maxDaysWithoutEvents whatever its status", () => {
    expect(stayRetention(admitted("2026-10-21T12:00:00Z"), cutoffs)).toBe("stale");
    expect(stayRetention(admitted("2026-10-21T12:00:01Z"), cutoffs)).toBe("keep");
    // A discharge time far after the last event (PV1-45 sent ahead) cannot keep a quiet stay forever.
    expect(stayRetention(discharged("2026-11-20T00:00:00Z", "2026-10-01T00:00:00Z"), cutoffs)).toBe("stale");
  });
});

describe("purgeReason", () => {
  const updatedAt = recently;

  it("purges as discharged when every stay ended past the grace period", () => {
    const stays = [discharged("2026-10-01T00:00:00Z"), discharged("2026-11-18T00:00:00Z")];
    expect(purgeReason({ stays, updatedAt }, cutoffs)).toBe("discharged");
    expect(
      purgeReason(
        { stays: [{ status: "cancelled", dischargedAt: null, lastEventAt: recently }], updatedAt },
        cutoffs,
      ),
    ).toBe("discharged");
  });

  it("keeps the whole patient while any stay is current or inside the grace period", () => {
    expect(
      purgeReason(
        { stays: [discharged("2026-10-01T00:00:00Z"), admitted("2026-11-20T00:00:00Z")], updatedAt },
        cutoffs,
      ),
    ).toBeNull();
    expect(purgeReason({ stays: [discharged("2026-11-20T00:00:00Z")], updatedAt }, cutoffs)).toBeNull();
  });

  it("purges as stale when a stay only went quiet, alongside ended ones", () => {
    const stays = [admitted("2026-09-01T00:00:00Z"), discharged("2026-11-01T00:00:00Z")];
    expect(purgeReason({ stays, updatedAt }, cutoffs)).toBe("stale");
  });

  it("purges a person-only record (A28/A31, no stay) once the record itself is stale", () => {
    expect(purgeReason({ stays: [], updatedAt: at("2026-10-01T00:00:00Z") }, cutoffs)).toBe("stale");
    expect(purgeReason({ stays: [], updatedAt: recently }, cutoffs)).toBeNull();
  });
});
