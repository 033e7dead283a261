import { describe, expect, it } from "vitest";
import {
  clockSkewMs,
  copyLifeRefreshMs,
  judgeRead,
  type LedgerRow,
  type ReportedRead,
} from "./offline-read-rules";

const now = new Date("2026-11-20T12:00:00Z");
const hour = 3_600_000;
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

const row: LedgerRow = {
  sessionId: "s1",
  patientId: "p1",
  wardId: "w1",
  firstSentAt: at(-6 * hour),
  expiresAt: at(6 * hour),
};

const read = (overrides: Partial<ReportedRead> = {}): ReportedRead => ({
  eventId: "e1",
  action: "patient.view",
  at: at(-hour),
  sessionId: "s1",
  patientId: "p1",
  wardId: "w1",
  ...overrides,
});

const reason = (report: ReportedRead, ledger: LedgerRow[] = [row]) => {
  const judgement = judgeRead(report, ledger, now);
  return judgement.accepted ? "accepted" : judgement.reason;
};

describe("judging an offline read a device reports", () => {
  it("accepts a patient read inside the copy's life, for the session it was sent to", () => {
    expect(reason(read())).toBe("accepted");
    expect(reason(read({ at: row.firstSentAt }))).toBe("accepted");
    expect(reason(read({ action: "ward.view", patientId: null }))).toBe("accepted");
  });

  it("refuses a patient or ward the session was never sent", () => {
    expect(reason(read({ patientId: "p2" }))).toBe("not-sent");
    expect(reason(read({ sessionId: "s2" }))).toBe("not-sent");
    expect(reason(read({ action: "ward.view", patientId: null, wardId: "w2" }))).toBe("not-sent");
    expect(reason(read(), [])).toBe("not-sent");
  });

  it("refuses a read before the first send or after the copy expired, allowing clock skew", () => {
    expect(reason(read({ at: at(-6 * hour - clockSkewMs) }))).toBe("accepted");
    expect(reason(read({ at: at(-6 * hour - clockSkewMs - 1) }))).toBe("before-copy");
    // Times after expiry are refused only once the device's own expiry must have passed too.
    const ledgerOnly = { ...row, expiresAt: at(-2 * hour) };
    expect(reason(read({ at: at(-2 * hour + copyLifeRefreshMs + clockSkewMs) }), [ledgerOnly])).toBe(
      "accepted",
    );
    expect(reason(read({ at: at(-2 * hour + copyLifeRefreshMs + clockSkewMs + 1) }), [ledgerOnly])).toBe(
      "after-expiry",
    );
  });

  it("refuses a read dated in the future beyond the skew, whatever the ledger says", () => {
    expect(reason(read({ at: at(clockSkewMs) }))).toBe("accepted");
    expect(reason(read({ at: at(clockSkewMs + 1) }))).toBe("in-future");
    expect(reason(read({ at: at(24 * hour) }))).toBe("in-future");
  });

  it("refuses what a device never reads offline, and reads that name nothing", () => {
    expect(reason(read({ action: "patient.search" }))).toBe("unsupported-action");
    expect(reason(read({ action: "break-glass.granted" }))).toBe("unsupported-action");
    expect(reason(read({ patientId: null }))).toBe("incomplete");
    expect(reason(read({ action: "ward.view", wardId: null }))).toBe("incomplete");
  });

  it("judges a document opened offline as a read of its patient", () => {
    expect(reason(read({ action: "document.open" }))).toBe("accepted");
    expect(reason(read({ action: "document.open", patientId: "p2" }))).toBe("not-sent");
    // The server found no such document, so no patient: nothing to believe.
    expect(reason(read({ action: "document.open", patientId: null }))).toBe("incomplete");
  });
});
