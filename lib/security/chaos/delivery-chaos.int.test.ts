/**
 * The short, deterministic delivery chaos of `npm test` (issue 18, item 4): seeded ADT
 * sequences through the real HL7 v2 route, shuffled and duplicated, over a database failing
 * 15% of its calls before the work or after the commit, resent on 503/AE: every stay ends as
 * in-order delivery left its twin. The long run is `npm run chaos -- --seed N --count M`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "@/test/route-app.test-kit";
import { type ChaosReport, runDeliveryChaos } from "./run-delivery-chaos";

startTestApp({ PURGE_INTERVAL_MINUTES: "0", LOG_LEVEL: "error" });
const hl7Route = await import("@/app/api/ingest/hl7v2/route");
const { getAppContext } = await import("@/lib/runtime/app-context");

describe("delivery chaos through the HL7 v2 route (seed 18)", () => {
  let report: ChaosReport;
  beforeAll(async () => {
    report = await runDeliveryChaos(await getAppContext(), hl7Route.POST, {
      seed: 18,
      count: 12,
      faultRate: 0.15,
    });
  }, 300_000);
  afterAll(async () => (await getAppContext()).db.close());

  it("ends every stay as in-order delivery did, each message answered as in order", () => {
    expect(report.mismatches).toEqual([]);
    expect(report.sequences).toBe(12);
    expect(report.staysCompared).toBe(12);
    expect(report.answers["200 AA"]).toBeGreaterThan(12);
  });

  it("injected outages both before the work and after the commit, and the sender resent", () => {
    expect(report.injected.before).toBeGreaterThan(0);
    expect(report.injected.after).toBeGreaterThan(0);
    expect(report.resends).toBeGreaterThan(0);
  });

  it("builds sequences whose shuffled delivery differs from the order sent", () => {
    expect(report.reordered).toBeGreaterThan(0);
  });
});
