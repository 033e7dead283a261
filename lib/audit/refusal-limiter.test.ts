import { describe, expect, it } from "vitest";
import { routeLabel } from "./refusal-facts";
import { RefusalLedger } from "./refusal-limiter";

const t0 = Date.parse("2026-03-01T10:00:00Z");

describe("refusal ledger", () => {
  it("gives each (reason, subject) 10 rows a minute and counts the rest for the summary", () => {
    const ledger = new RefusalLedger();
    const admitted = Array.from({ length: 25 }, (_, i) => ledger.admit("role", "user:a", t0 + i)).filter(
      Boolean,
    );
    expect(admitted).toHaveLength(10);
    // Another subject, or another reason for the same one, has its own allowance.
    expect(ledger.admit("role", "user:b", t0 + 30)).toBe(true);
    expect(ledger.admit("cross-site", "user:a", t0 + 30)).toBe(true);
    // Not due yet: the count gathers for a minute.
    expect(ledger.drain(t0 + 1_000).summaries).toEqual([]);
    const { summaries } = ledger.drain(t0 + 60_010);
    expect(summaries).toEqual([
      {
        reason: "role",
        suppressed: 15,
        subjects: 1,
        subjectsCapped: false,
        since: new Date(t0 + 10),
        until: new Date(t0 + 60_010),
      },
    ]);
    // Drained once: the next summary starts from zero.
    expect(ledger.drain(t0 + 200_000, { everything: true }).summaries).toEqual([]);
  });

  it("refills at the per-minute rate", () => {
    const ledger = new RefusalLedger();
    for (let i = 0; i < 10; i++) ledger.admit("role", "user:a", t0);
    expect(ledger.admit("role", "user:a", t0)).toBe(false);
    expect(ledger.admit("role", "user:a", t0 + 6_000)).toBe(true);
  });

  it("caps all subjects together, so rotating addresses writes no more rows", () => {
    const ledger = new RefusalLedger({ globalPerMinute: 50 });
    let admitted = 0;
    for (let i = 0; i < 1_000; i++) if (ledger.admit("cross-site", `ip:198.51.100.${i}`, t0)) admitted++;
    expect(admitted).toBe(50);
    const [summary] = ledger.drain(t0, { everything: true }).summaries;
    expect(summary).toMatchObject({ reason: "cross-site", suppressed: 950, subjects: 950 });
  });

  it("stops counting distinct subjects at the cap and says so", () => {
    const ledger = new RefusalLedger({ perSubjectPerMinute: 1, globalPerMinute: 1, maxSubjectsCounted: 5 });
    for (let i = 0; i < 20; i++) ledger.admit("api-key-not-recognised", `key:${i}`, t0);
    const [summary] = ledger.drain(t0, { everything: true }).summaries;
    expect(summary).toMatchObject({ suppressed: 19, subjects: 5, subjectsCapped: true });
  });

  it("holds edge refusals until drained, within their own limit and a bounded queue", () => {
    const ledger = new RefusalLedger<string>({ maxPending: 3 });
    expect(ledger.hasWork(t0)).toBe(false);
    const held = ["a", "b", "c", "d"].map((entry, i) => ledger.hold(entry, "cross-site", `ip:${i}`, t0));
    expect(held).toEqual([true, true, true, false]);
    expect(ledger.hasWork(t0)).toBe(true);
    const first = ledger.drain(t0);
    expect(first.pending).toEqual(["a", "b", "c"]);
    expect(ledger.drain(t0, { everything: true }).summaries[0]).toMatchObject({ suppressed: 1 });
    expect(ledger.hasWork(t0)).toBe(false);
  });
});

describe("routeLabel", () => {
  it("drops the query string, where search text goes", () => {
    expect(routeLabel("/search?q=SMITH")).toBe("/search");
  });

  it("keeps an MRN in a document ingest path out of the audit log", () => {
    expect(routeLabel("/api/ingest/documents/RXD01/MRN12345/doc-1")).toBe(
      "/api/ingest/documents/{facility}/{mrn}/{documentId}",
    );
  });

  it("bounds the length", () => {
    expect(routeLabel(`/${"x".repeat(5_000)}`)).toHaveLength(200);
    expect(routeLabel(null)).toBeNull();
  });
});
