/** HL7 batches (BHS … BTS) of the scenario's messages, as an engine in batch mode would post them. */
import { toHl7Message } from "@/demo/generator/hl7-writer";
import type { benchScenario } from "./ingest-bench";
import { type LoadSummary, runLoad } from "./stats";

export function toBatches(items: ReturnType<typeof benchScenario>, size: number): string[] {
  const batches: string[] = [];
  for (let i = 0; i < items.length; i += size) {
    const slice = items.slice(i, i + size);
    const messages = slice.map((item) => `${toHl7Message(item).replace(/\r?$/, "")}\r`).join("");
    batches.push(`BHS|^~\\&|PAS|RXD|||||||||BATCH-${i}\r${messages}BTS|${slice.length}\r`);
  }
  return batches;
}

/** Posts batches; the summary counts messages (not requests) per second. */
export async function postBatches(
  origin: string,
  apiKey: string,
  batches: string[],
  concurrency: number,
): Promise<LoadSummary> {
  const perBatch = batches.map(
    (batch) => (batch.match(/\rMSH\|/g) ?? []).length + (batch.startsWith("MSH|") ? 1 : 0),
  );
  const summary = await runLoad(batches, concurrency, async (batch) => {
    const response = await fetch(`${origin}/api/ingest/hl7v2`, {
      method: "POST",
      headers: { "Content-Type": "x-application/hl7-v2+er7", "X-API-Key": apiKey },
      body: batch,
    });
    const text = await response.text();
    return response.status === 200 && !text.includes("MSA|AE") && !text.includes("MSA|AR");
  });
  const messages = perBatch.reduce((a, b) => a + b, 0);
  return { ...summary, messages, perSecond: Math.round(messages / summary.seconds) };
}
