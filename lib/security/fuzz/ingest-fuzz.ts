/**
 * The ingest fuzz (issue 18, item 3): mutated HL7 v2 messages and FHIR bodies posted through the
 * real route handlers, each answer checked against the ingest contract: no 5xx (503 only where a
 * fault was injected; none is here), every answer a well-formed ACK (MSH + MSA, AA/AE/AR) or
 * FHIR OperationOutcome (or a Bundle response), no AE without an outage (an AE at HTTP 200 is
 * an internal error the engine would retry forever), no error logged, and nothing written to
 * the census for a refused message. Used by `npm run fuzz` (scripts/fuzz.ts) and, short, by
 * ingest-fuzz.int.test.ts. A failure names the seed and sample index that replay it.
 */
import fc from "fast-check";
import type { Database } from "@/lib/db/types";
import { parseBatch } from "@/lib/hl7/batch";
import { parseHl7 } from "@/lib/hl7/parse";
import { type FhirSample, fhirSample, mutateFhir } from "./fhir-mutations";
import type { FuzzCorpus } from "./fuzz-corpus";
import { type Hl7Sample, hl7Sample, mutateHl7, withControlId } from "./hl7-mutations";

export type RouteHandler = (request: Request) => Promise<Response>;

export interface FuzzTarget {
  hl7: RouteHandler;
  fhir: RouteHandler;
  db: Database;
  apiKey: string;
}

export interface FuzzOptions {
  seed: number;
  hl7Count: number;
  fhirCount: number;
  /** Called every `progressEvery` samples with the running report. */
  onProgress?: (report: FuzzReport) => void;
  progressEvery?: number;
  /** Replays from this HL7 v2 sample index (rounded down to a chunk of 500); FHIR from 0. */
  hl7From?: number;
}

export interface FuzzFailure {
  protocol: "hl7v2" | "fhir";
  /** Replays the sample: the same seed, this index. */
  index: number;
  status: number;
  problem: string;
  mutations: string;
}

export interface FuzzReport {
  seed: number;
  hl7: { sent: number; byStatus: Record<string, number>; byAck: Record<string, number> };
  fhir: { sent: number; byStatus: Record<string, number> };
  refusedChecked: number;
  failures: FuzzFailure[];
  elapsedMs: number;
  messagesPerSecond: number;
}

const CHUNK = 500;

/** Census tables an ingest may write: a refused message must leave every one as it was. */
const CENSUS_TABLES = ["patient", "stay", "stay_event", "ingest_message", "document"] as const;
const FINGERPRINT_SQL = `SELECT ${CENSUS_TABLES.map(
  (table) =>
    `(SELECT count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text FROM ${table}) AS ${table}`,
).join(", ")}`;

async function fingerprint(db: Database): Promise<string> {
  const { rows } = await db.query<Record<string, string>>(FINGERPRINT_SQL);
  return JSON.stringify(rows[0]);
}

/** Samples of the seed in chunks: deterministic, without holding 100,000 samples at once. */
function* samples<T>(arbitrary: fc.Arbitrary<T>, seed: number, count: number, from = 0): Generator<T> {
  const first = Math.floor(from / CHUNK);
  for (let start = first * CHUNK, chunk = first; start < count; start += CHUNK, chunk += 1) {
    const numRuns = Math.min(CHUNK, count - start);
    yield* fc.sample(arbitrary, { seed: seed + chunk * 7919, numRuns });
  }
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

const kindsOf = (mutations: readonly { kind: string }[]) => mutations.map((m) => m.kind).join("+");

/** The problem with an HL7 answer, or null; also whether the message was refused as a whole. */
export function checkHl7Answer(
  status: number,
  text: string,
): { problem: string | null; refused: boolean; acks: string[] } {
  if (status >= 500) return { problem: `HTTP ${status}`, refused: false, acks: [] };
  if (![200, 400, 413].includes(status))
    return { problem: `unexpected HTTP ${status}`, refused: false, acks: [] };
  let messages: readonly string[];
  try {
    messages = parseBatch(text).messages;
  } catch {
    return { problem: "answer is not HL7", refused: false, acks: [] };
  }
  if (messages.length === 0) return { problem: "answer holds no ACK", refused: false, acks: [] };
  const acks: string[] = [];
  for (const message of messages) {
    try {
      const ack = parseHl7(message);
      const code = ack.get("MSA-1");
      if (!ack.segment("MSA")) return { problem: "ACK without MSA", refused: false, acks };
      if (!["AA", "AE", "AR"].includes(code)) return { problem: `MSA-1 is "${code}"`, refused: false, acks };
      if (!ack.get("MSH-10")) return { problem: "ACK without its own MSH-10", refused: false, acks };
      acks.push(code);
    } catch {
      return { problem: "ACK does not parse", refused: false, acks };
    }
  }
  // No outage is injected here: an AE is an internal error answered as "retry later".
  if (acks.includes("AE")) return { problem: "AE without an outage", refused: false, acks };
  const refused = status >= 400 || acks.every((code) => code === "AR");
  return { problem: null, refused, acks };
}

export function checkFhirAnswer(status: number, text: string): { problem: string | null; refused: boolean } {
  if (status >= 500) return { problem: `HTTP ${status}`, refused: false };
  let body: { resourceType?: unknown; type?: unknown; issue?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return { problem: "answer is not JSON", refused: false };
  }
  const wellFormed =
    (body.resourceType === "OperationOutcome" && Array.isArray(body.issue) && body.issue.length > 0) ||
    (body.resourceType === "Bundle" && typeof body.type === "string" && body.type.endsWith("-response"));
  if (!wellFormed) return { problem: `answer is a ${String(body.resourceType)}`, refused: false };
  return { problem: null, refused: status >= 400 };
}

const post = (url: string, body: BodyInit, headers: Record<string, string>) =>
  new Request(url, { method: "POST", body, headers });

export async function runIngestFuzz(
  target: FuzzTarget,
  corpus: FuzzCorpus,
  options: FuzzOptions,
): Promise<FuzzReport> {
  const report: FuzzReport = {
    seed: options.seed,
    hl7: { sent: 0, byStatus: {}, byAck: {} },
    fhir: { sent: 0, byStatus: {} },
    refusedChecked: 0,
    failures: [],
    elapsedMs: 0,
    messagesPerSecond: 0,
  };
  const started = performance.now();
  const progressEvery = options.progressEvery ?? 10_000;
  const progress = () => {
    report.elapsedMs = Math.round(performance.now() - started);
    const sent = report.hl7.sent + report.fhir.sent;
    report.messagesPerSecond = Math.round((sent / Math.max(report.elapsedMs, 1)) * 1000);
    if (sent % progressEvery === 0) options.onProgress?.(report);
  };
  let before = await fingerprint(target.db);

  const hl7Arbitrary = hl7Sample(corpus.hl7.length);
  let index = Math.floor((options.hl7From ?? 0) / CHUNK) * CHUNK;
  for (const sample of samples<Hl7Sample>(hl7Arbitrary, options.seed, options.hl7Count, index)) {
    const base = withControlId(corpus.hl7[sample.base]!, `FZ${options.seed}-${index}`);
    const body = mutateHl7(base, sample.mutations);
    const response = await target.hl7(
      post("http://127.0.0.1/api/ingest/hl7v2", body as BodyInit, {
        "X-API-Key": target.apiKey,
        "Content-Type": "x-application/hl7-v2+er7",
      }),
    );
    const checked = checkHl7Answer(response.status, await response.text());
    bump(report.hl7.byStatus, String(response.status));
    for (const code of checked.acks) bump(report.hl7.byAck, code);
    const after = await fingerprint(target.db);
    let problem = checked.problem;
    if (!problem && checked.refused) {
      report.refusedChecked += 1;
      if (after !== before) problem = "census written for a refused message";
    }
    if (problem)
      report.failures.push({
        protocol: "hl7v2",
        index,
        status: response.status,
        problem,
        mutations: kindsOf(sample.mutations),
      });
    before = after;
    report.hl7.sent += 1;
    index += 1;
    progress();
  }

  const fhirArbitrary = fhirSample(corpus.fhir.length);
  index = 0;
  for (const sample of samples<FhirSample>(fhirArbitrary, options.seed + 1, options.fhirCount)) {
    const body = mutateFhir(corpus.fhir[sample.base], `fz${options.seed}-${index}`, sample.mutations);
    const response = await target.fhir(
      post("http://127.0.0.1/api/ingest/fhir", body, {
        "X-API-Key": target.apiKey,
        "Content-Type": "application/fhir+json",
      }),
    );
    const contentType = response.headers.get("content-type") ?? "";
    const checked = checkFhirAnswer(response.status, await response.text());
    bump(report.fhir.byStatus, String(response.status));
    const after = await fingerprint(target.db);
    let problem =
      checked.problem ?? (/application\/fhir\+json/.test(contentType) ? null : `Content-Type ${contentType}`);
    if (!problem && checked.refused) {
      report.refusedChecked += 1;
      if (after !== before) problem = "census written for a refused body";
    }
    if (problem)
      report.failures.push({
        protocol: "fhir",
        index,
        status: response.status,
        problem,
        mutations: kindsOf(sample.mutations),
      });
    before = after;
    report.fhir.sent += 1;
    index += 1;
    progress();
  }
  report.elapsedMs = Math.round(performance.now() - started);
  report.messagesPerSecond = Math.round(((report.hl7.sent + report.fhir.sent) / report.elapsedMs) * 1000);
  return report;
}
