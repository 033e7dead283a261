/**
 * Fills an empty local database with the synthetic demo census, through the real ingest path:
 * each scenario event is written as an HL7 v2 message and processed exactly as a POST to
 * /api/ingest/hl7v2 from the demo integration client would be (parse, map, apply, ACK).
 */
import "server-only";
import { generateAdtScenario } from "@/demo/generator/adt-scenario";
import { toHl7Message } from "@/demo/generator/hl7-writer";
import type { DemoFacility } from "@/demo/generator/hospital";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { processHl7Message } from "@/lib/ingest/hl7/process-hl7-message";
import type { IngestContext } from "@/lib/ingest/ingest-context";

export interface DemoCensusOptions {
  seed: number;
  currentInpatients: number;
  historyDays: number;
}

export const defaultDemoCensus: DemoCensusOptions = {
  seed: 20261123,
  currentInpatients: 820,
  historyDays: 3,
};

export async function loadDemoCensus(
  ctx: IngestContext,
  client: ApiClient,
  facilities: DemoFacility[],
  options: DemoCensusOptions = defaultDemoCensus,
): Promise<{ messages: number; accepted: number; refused: number; seconds: number }> {
  const started = performance.now();
  const items = generateAdtScenario({ ...options, facilities, startAt: ctx.now() });
  let accepted = 0;
  for (const item of items) {
    const result = await processHl7Message(ctx, client, toHl7Message(item));
    if (result.code === "AA") accepted++;
  }
  return {
    messages: items.length,
    accepted,
    refused: items.length - accepted,
    seconds: (performance.now() - started) / 1000,
  };
}

export async function hasAnyStay(ctx: IngestContext): Promise<boolean> {
  const { rows } = await ctx.db.query("SELECT 1 FROM stay LIMIT 1");
  return rows.length > 0;
}
