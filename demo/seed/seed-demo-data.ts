/**
 * Local and demo environments: the demo hospital, its integration client, its census and its
 * staff. Loaded by lib/runtime/app-context.ts with `await import()` only when DEMO_DATA is on,
 * so none of the generator is loaded by a deployment that does not use it.
 */
import "server-only";
import { generateDemoHospital } from "@/demo/generator/hospital";
import { demoApiKeyPath, ensureDemoApiClient } from "@/demo/seed/demo-api-client";
import { demoFacilityCodes, markLegacyDemoFacilities } from "@/demo/seed/demo-facilities";
import { ensureDemoIdentity } from "@/demo/seed/demo-identity";
import { defaultDemoCensus, hasAnyStay, loadDemoCensus } from "@/demo/seed/load-demo-census";
import { authenticateApiKey } from "@/lib/api-clients/api-clients";
import { countFacilities, saveFacilities } from "@/lib/census/facilities";
import type { Config } from "@/lib/env";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { log } from "@/lib/log";

/**
 * Idempotent: each part is added only where it is missing, so every start may call it. The
 * hospital goes only into an empty database; one whose facilities an operator created gets
 * nothing, because a demo client scoped to their single site would file the synthetic census
 * under it.
 */
export async function seedDemoData(config: Config, ingest: IngestContext): Promise<void> {
  const { db } = ingest;
  const hospital = generateDemoHospital();
  if ((await countFacilities(db)) === 0) {
    await saveFacilities(db, hospital, { loadedAsDemo: true });
    log.info("demo.hospital.loaded", { facilities: hospital.length });
  } else {
    const marked = await markLegacyDemoFacilities(db, hospital);
    if (marked > 0) log.info("demo.hospital.marked", { facilities: marked });
  }
  if ((await demoFacilityCodes(db)).length === 0) {
    log.warn("demo.skipped", {
      note: "DEMO_DATA is on but the database holds facilities an operator created; set DEMO_DATA=false",
    });
    return;
  }
  const key = await ensureDemoApiClient(db, { dataDir: config.dataDir });
  if (!(await hasAnyStay(ingest))) {
    const client = await authenticateApiKey(db, key);
    const result = await loadDemoCensus(ingest, client, hospital, {
      ...defaultDemoCensus,
      currentInpatients: config.demoInpatients,
    });
    log.info("demo.census.loaded", { ...result, seconds: Math.round(result.seconds * 10) / 10 });
  }
  log.info("demo.api_key", { file: demoApiKeyPath(config.dataDir) });
  await ensureDemoIdentity(db, config);
}
