/**
 * HL7 v2 ingest throughput: the demo ADT mix posted over HTTP to the running app, and the same
 * census writes applied directly through the pg/PGlite adapter in this process (no HTTP, no
 * Next.js, no HL7 parsing) against a second fresh database. The ratio of the two is the figure
 * that survives a noisy machine.
 */

import { generateAdtScenario } from "@/demo/generator/adt-scenario";
import { toHl7Message } from "@/demo/generator/hl7-writer";
import type { DemoFacility } from "@/demo/generator/hospital";
import { applyMessage } from "@/lib/census/apply-message";
import { postBatches, toBatches } from "./batched-hl7";
import type { BenchTarget } from "./bench-targets";
import { startNextServer } from "./next-server";
import { type LoadSummary, runLoad } from "./stats";

export interface IngestBenchResult {
  database: string;
  messages: number;
  concurrency: number;
  http: LoadSummary;
  /** The same messages in HL7 batches of `batchSize` (latencies are per batch). */
  httpBatched: LoadSummary & { batchSize: number };
  direct: LoadSummary;
  httpToDirectRatio: number;
}

export function benchScenario(hospital: DemoFacility[], currentInpatients: number, historyDays: number) {
  return generateAdtScenario({
    seed: 7,
    facilities: hospital,
    currentInpatients,
    historyDays,
    startAt: new Date(),
  });
}

export async function postHl7(
  origin: string,
  apiKey: string,
  items: ReturnType<typeof benchScenario>,
  concurrency: number,
) {
  return runLoad(items, concurrency, async (item) => {
    const response = await fetch(`${origin}/api/ingest/hl7v2`, {
      method: "POST",
      headers: { "Content-Type": "x-application/hl7-v2+er7", "X-API-Key": apiKey },
      body: toHl7Message(item),
    });
    const text = await response.text();
    return response.status === 200 && text.includes("MSA|AA");
  });
}

async function overHttp(
  makeTarget: () => Promise<BenchTarget>,
  load: (origin: string, apiKey: string) => Promise<LoadSummary>,
) {
  const target = await makeTarget();
  const server = await startNextServer(target.serverEnv);
  try {
    return await load(server.origin, target.apiKey);
  } finally {
    await server.stop();
    await target.dispose();
  }
}

export async function ingestBench(
  makeTarget: () => Promise<BenchTarget>,
  hospital: DemoFacility[],
  options: { concurrency: number; currentInpatients: number; historyDays: number },
): Promise<IngestBenchResult> {
  const items = benchScenario(hospital, options.currentInpatients, options.historyDays);

  const http = await overHttp(makeTarget, (origin, key) => postHl7(origin, key, items, options.concurrency));
  const batchSize = 25;
  const batches = toBatches(items, batchSize);
  const batched = await overHttp(makeTarget, (origin, key) =>
    postBatches(origin, key, batches, Math.max(2, options.concurrency / 4)),
  );

  const viaAdapter = await makeTarget();
  const db = await viaAdapter.open();
  let direct: LoadSummary;
  try {
    direct = await runLoad(items, options.concurrency, async (item) => {
      const result = await applyMessage(
        db,
        {
          source: "bench",
          controlId: item.controlId,
          protocol: "hl7v2",
          trigger: item.event.trigger,
          events: [item.event],
        },
        { tombstoneKey: "bench" },
      );
      return result.status === "applied";
    });
  } finally {
    await db.close();
    await viaAdapter.dispose();
  }
  return {
    database: viaAdapter.name,
    messages: items.length,
    concurrency: options.concurrency,
    http,
    httpBatched: { ...batched, batchSize },
    direct,
    httpToDirectRatio: Math.round((http.perSecond / direct.perSecond) * 100) / 100,
  };
}
