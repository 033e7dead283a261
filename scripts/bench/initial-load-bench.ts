/**
 * Initial load: a census of 2,000 (or `inpatients`) current inpatients (and the admissions, transfers and
 * discharges that led to it over one day) posted over HTTP in HL7 batches, as an engine replays
 * its queue when Downtime is first connected. Reports wall time to a complete census.
 */

import type { DemoFacility } from "@/demo/generator/hospital";
import { countCurrentInpatients } from "@/lib/census/census-queries";
import { postBatches, toBatches } from "./batched-hl7";
import type { BenchTarget } from "./bench-targets";
import { benchScenario } from "./ingest-bench";
import { startNextServer } from "./next-server";

/** The demo hospital with enough beds for `inpatients` (three times its beds for 2,000). */
export function largerHospital(hospital: DemoFacility[], inpatients = 2_000): DemoFacility[] {
  const beds = hospital.reduce((sum, f) => sum + f.wards.reduce((n, w) => n + w.bedCount, 0), 0);
  const factor = Math.max(3, Math.ceil((inpatients * 1.4) / beds));
  return hospital.map((facility) => ({
    ...facility,
    wards: facility.wards.map((ward) => ({ ...ward, bedCount: ward.bedCount * factor })),
  }));
}

export async function initialLoadBench(
  makeTarget: (hospital: DemoFacility[]) => Promise<BenchTarget>,
  hospital: DemoFacility[],
  inpatients = 2_000,
) {
  const big = largerHospital(hospital, inpatients);
  const items = benchScenario(big, inpatients, 1);
  const batches = toBatches(items, 50);
  const target = await makeTarget(big);
  const server = await startNextServer(target.serverEnv);
  try {
    const started = performance.now();
    const load = await postBatches(server.origin, target.apiKey, batches, 4);
    const seconds = (performance.now() - started) / 1000;
    await server.stop();
    const db = await target.open();
    const inpatients = await countCurrentInpatients(db);
    await db.close();
    return {
      database: target.name,
      requestedInpatients: inpatients,
      messages: items.length,
      batches: batches.length,
      seconds: Math.round(seconds * 100) / 100,
      inpatients,
      failures: load.failures,
    };
  } finally {
    await server.stop().catch(() => {});
    await target.dispose();
  }
}
