/** Runs delivery chaos (delivery-chaos.ts) against the running app's context and HL7 v2 route. */
import fc from "fast-check";
import { createApiClient } from "@/lib/api-clients/api-clients";
import type { Database } from "@/lib/db/types";
import {
  chaosDelivery,
  chaosMessages,
  chaosSequence,
  type FaultPlan,
  faultyDatabase,
  sendLikeAnEngine,
  stayView,
} from "./delivery-chaos";

export interface ChaosReport {
  seed: number;
  sequences: number;
  messages: number;
  resends: number;
  reordered: number;
  injected: FaultPlan["injected"];
  mismatches: string[];
  /** Sequences whose in-order stay exists (so the comparison compared something). */
  staysCompared: number;
  /** Final answers of the in-order sends, by class ("200 AA"...). */
  answers: Record<string, number>;
  elapsedMs: number;
}

/** `context.db` is swapped for the faulty one while the shuffled twin is delivered. */
export async function runDeliveryChaos(
  context: { db: Database },
  post: (request: Request) => Promise<Response>,
  options: { seed: number; count: number; faultRate: number; onProgress?: (report: ChaosReport) => void },
): Promise<ChaosReport> {
  const real = context.db;
  const { key } = await createApiClient(real, {
    name: `Chaos feed ${options.seed}`,
    facilityCodes: ["RXD01"],
    rateLimitPerMinute: 1_000_000,
  });
  const send = (body: string) =>
    post(
      new Request("http://127.0.0.1/api/ingest/hl7v2", {
        method: "POST",
        body,
        headers: { "X-API-Key": key, "Content-Type": "x-application/hl7-v2+er7" },
      }),
    );
  const rng = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
    seed: options.seed,
    numRuns: 1,
  });
  let state = Math.floor((rng[0] ?? 0.5) * 2 ** 31);
  // A small linear congruential stream for fault rolls, seeded from the run's seed.
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const plan: FaultPlan = { rate: options.faultRate, random, injected: { before: 0, after: 0 } };
  const faulty = faultyDatabase(real, plan);
  const report: ChaosReport = {
    seed: options.seed,
    sequences: 0,
    messages: 0,
    resends: 0,
    reordered: 0,
    injected: plan.injected,
    mismatches: [],
    staysCompared: 0,
    answers: {},
    elapsedMs: 0,
  };
  const started = performance.now();
  const sequences = fc.sample(chaosSequence, { seed: options.seed, numRuns: options.count });
  for (const [n, sequence] of sequences.entries()) {
    const inOrder = `CI${options.seed}x${n}`;
    const twin = `CC${options.seed}x${n}`;
    const ordered = chaosMessages(sequence, inOrder, inOrder);
    const expected: string[] = [];
    context.db = real;
    for (const message of ordered) expected.push((await sendLikeAnEngine(send, message)).code);

    const shuffledMessages = chaosMessages(sequence, twin, twin);
    const delivery = chaosDelivery(sequence, shuffledMessages.length);
    if (delivery.some((index, position) => index !== position)) report.reordered += 1;
    const answered = new Map<number, string>();
    context.db = faulty;
    try {
      for (const index of delivery) {
        const result = await sendLikeAnEngine(send, shuffledMessages[index]!);
        report.resends += result.attempts - 1;
        report.messages += 1;
        if (!answered.has(index)) answered.set(index, result.code);
      }
    } finally {
      context.db = real;
    }
    for (const [index, code] of answered) {
      // A message applied late may be answered with a note, but its class must match in-order.
      if (code !== expected[index])
        report.mismatches.push(`sequence ${n} message ${index}: ${code}, in order ${expected[index]}`);
    }
    const [a, b] = [await stayView(real, inOrder), await stayView(real, twin)];
    for (const code of expected) report.answers[code] = (report.answers[code] ?? 0) + 1;
    if (a.length > 0) report.staysCompared += 1;
    if (JSON.stringify(a) !== JSON.stringify(b))
      report.mismatches.push(`sequence ${n}: ${JSON.stringify(b)} instead of ${JSON.stringify(a)}`);
    report.sequences += 1;
    report.elapsedMs = Math.round(performance.now() - started);
    options.onProgress?.(report);
  }
  return report;
}
