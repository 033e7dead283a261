/**
 * The short, deterministic ingest fuzz of `npm test` (issue 18, item 3): 2,000 mutated HL7 v2
 * messages and 300 mutated FHIR bodies of one fixed seed through the real route handlers. The
 * long run is `npm run fuzz -- --seed N --count M` (scripts/fuzz.ts), with the same checks.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp } from "@/test/route-app.test-kit";
import { loadFuzzCorpus } from "./fuzz-corpus";
import { hl7MutationKinds, mutateHl7 } from "./hl7-mutations";
import { type FuzzReport, runIngestFuzz } from "./ingest-fuzz";

// A small body limit reaches the 413 path with "huge field" mutations without megabyte bodies.
// No purge timer: a purge mid-run would change the census under the refused-message check.
startTestApp({ MAX_MESSAGE_BYTES: String(256 * 1024), LOG_LEVEL: "warn", PURGE_INTERVAL_MINUTES: "0" });
const hl7Route = await import("@/app/api/ingest/hl7v2/route");
const fhirRoute = await import("@/app/api/ingest/fhir/route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { createApiClient } = await import("@/lib/api-clients/api-clients");

describe("ingest fuzz (seed 18)", () => {
  let report: FuzzReport;
  const errorLines: string[] = [];
  beforeAll(async () => {
    const { db } = await getAppContext();
    const { key } = await createApiClient(db, {
      name: "Fuzz feed",
      facilityCodes: ["RXD01"],
      rateLimitPerMinute: 1_000_000,
    });
    const spy = vi.spyOn(console, "error").mockImplementation((line: unknown) => {
      if (typeof line === "string" && line.includes('"level":"error"')) errorLines.push(line);
    });
    try {
      report = await runIngestFuzz(
        { hl7: hl7Route.POST, fhir: fhirRoute.POST, db, apiKey: key },
        loadFuzzCorpus(),
        { seed: 18, hl7Count: Number(process.env.FUZZ_N ?? 2_000), fhirCount: 300 },
      );
    } finally {
      spy.mockRestore();
    }
    console.log(JSON.stringify({ fuzz: report }));
  }, 300_000);
  afterAll(async () => (await getAppContext()).db.close());

  it("answers every mutated message without a server error, a malformed answer or a write for a refusal", () => {
    expect(report.failures).toEqual([]);
    expect(report.hl7.sent).toBe(2_000);
    expect(report.fhir.sent).toBe(300);
  });

  it("logs no unexpected error while doing so", () => {
    expect(errorLines).toEqual([]);
  });

  it("reaches acceptance, rejection and the size limit, so the checks are exercised", () => {
    expect(report.hl7.byAck.AA ?? 0).toBeGreaterThan(50);
    expect(report.hl7.byAck.AR ?? 0).toBeGreaterThan(50);
    expect(report.hl7.byStatus["413"] ?? 0).toBeGreaterThan(0);
    expect(report.refusedChecked).toBeGreaterThan(500);
    expect(Object.keys(report.fhir.byStatus).some((status) => status.startsWith("2"))).toBe(true);
    expect(Object.keys(report.fhir.byStatus).some((status) => status.startsWith("4"))).toBe(true);
  });
});

describe("HL7 mutations", () => {
  const base = loadFuzzCorpus().hl7[0]!;
  it("change the message for every kind", () => {
    const original = new TextEncoder().encode(base);
    const examples = {
      truncate: { kind: "truncate", at: 0.5 },
      "duplicate-segment": { kind: "duplicate-segment", index: 1, times: 2 },
      "drop-segment": { kind: "drop-segment", index: 1 },
      "swap-segments": { kind: "swap-segments", a: 0, b: 2 },
      "drop-msh": { kind: "drop-msh" },
      "encoding-characters": { kind: "encoding-characters", chars: "#!$%*", consistent: true },
      terminators: { kind: "terminators", separator: "\n" },
      "huge-field": { kind: "huge-field", index: 2, field: 5, length: 1000 },
      repetitions: { kind: "repetitions", index: 2, field: 3, count: 3 },
      "replace-field": { kind: "replace-field", index: 2, field: 5, value: "X" },
      version: { kind: "version", value: "9.9" },
      "binary-noise": { kind: "binary-noise", at: 0.3, bytes: Uint8Array.of(0, 1, 2) },
      "invalid-utf8": { kind: "invalid-utf8", at: 0.3, sequence: [0xff] },
      charset: { kind: "charset", value: "KLINGON" },
      batch: { kind: "batch", header: "BHS", trailer: "BTS|9", copies: 2 },
    } as const;
    for (const kind of hl7MutationKinds) {
      const mutated = mutateHl7(base, [examples[kind]]);
      expect(Buffer.from(mutated).equals(Buffer.from(original)), kind).toBe(false);
    }
  });
});
