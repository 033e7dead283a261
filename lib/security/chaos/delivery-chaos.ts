/**
 * Delivery chaos through the HL7 v2 route (issue 18, item 4): random ADT sequences (admit,
 * transfers, leave and return, updates, cancels, discharge and its cancel) sent once in order,
 * and again for a twin visit shuffled, with duplicates, through a database that fails at random
 * (before the work: a lost request; after the commit: a lost reply), by a sender that resends
 * on 503/AE as an engine does. The twin's stay must end exactly as the in-order one. Used by
 * `npm run chaos` (scripts/chaos.ts) and, short, by delivery-chaos.int.test.ts.
 */
import fc from "fast-check";
import type { Database, Queryable, TransactionOptions } from "@/lib/db/types";
import { parseBatch } from "@/lib/hl7/batch";
import { parseHl7 } from "@/lib/hl7/parse";

type Step =
  | { kind: "transfer"; ward: string; bed: string }
  | { kind: "leave" }
  | { kind: "return" }
  | { kind: "update"; bed: string }
  | { kind: "cancel-transfer" };

export interface ChaosSequence {
  steps: Step[];
  discharge: boolean;
  cancelDischarge: boolean;
  /** Sort keys of the shuffled delivery, and which messages are sent twice more. */
  order: number[];
  duplicates: number[];
}

const wardCode = fc.constantFrom("ALD101", "ALD102", "CHX01");
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("transfer" as const),
    ward: wardCode,
    bed: fc.constantFrom("B01", "B02", "B03"),
  }),
  fc.record({ kind: fc.constant("leave" as const) }),
  fc.record({ kind: fc.constant("return" as const) }),
  fc.record({ kind: fc.constant("update" as const), bed: fc.constantFrom("B04", "B05") }),
  fc.record({ kind: fc.constant("cancel-transfer" as const) }),
);

export const chaosSequence: fc.Arbitrary<ChaosSequence> = fc.record({
  steps: fc.array(step, { maxLength: 6 }),
  discharge: fc.boolean(),
  cancelDischarge: fc.boolean(),
  order: fc.array(fc.nat({ max: 1000 }), { minLength: 10, maxLength: 10 }),
  duplicates: fc.array(fc.nat({ max: 20 }), { maxLength: 4 }),
});

const trigger: Record<Step["kind"] | "admit" | "discharge" | "cancel-discharge", string> = {
  admit: "A01",
  transfer: "A02",
  leave: "A21",
  return: "A22",
  update: "A08",
  "cancel-transfer": "A12",
  discharge: "A03",
  "cancel-discharge": "A13",
};

/** The sequence as HL7 v2 messages for one visit, minute by minute from 08:00. */
export function chaosMessages(sequence: ChaosSequence, visit: string, controlPrefix: string): string[] {
  const kinds: { kind: keyof typeof trigger; ward: string; bed: string }[] = [];
  let ward = "ALD101";
  let bed = "B01";
  kinds.push({ kind: "admit", ward, bed });
  for (const s of sequence.steps) {
    if (s.kind === "transfer") ({ ward, bed } = s);
    if (s.kind === "update") bed = s.bed;
    kinds.push({ kind: s.kind, ward, bed });
  }
  if (sequence.discharge) {
    kinds.push({ kind: "discharge", ward, bed });
    if (sequence.cancelDischarge) kinds.push({ kind: "cancel-discharge", ward, bed });
  }
  return kinds.map(({ kind, ward: w, bed: b }, i) => {
    const time = `20261120${String(8 + Math.floor(i / 60)).padStart(2, "0")}${String(i % 60).padStart(2, "0")}00`;
    const code = trigger[kind];
    return [
      `MSH|^~\\&|PAS|PAS|DOWNTIME|DOWNTIME|${time}||ADT^${code}^ADT_A01|${controlPrefix}-${i}|P|2.4`,
      `EVN|${code}|${time}`,
      `PID|1||M${visit}^^^RXD01^MR||CHAOS^PATIENT||19700101|F`,
      `PV1|1|I|${w}^^${b}||||||||||||||||${visit}`,
    ].join("\r");
  });
}

/** The delivery order: shuffled by the sequence's keys, then some messages again. */
export function chaosDelivery(sequence: ChaosSequence, count: number): number[] {
  const shuffled = Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => sequence.order[a % 10]! * 31 + a - (sequence.order[b % 10]! * 31 + b),
  );
  return [...shuffled, ...sequence.duplicates.map((n) => shuffled[n % count]!)];
}

export interface FaultPlan {
  /** Chance that a query or transaction fails. */
  rate: number;
  random: () => number;
  injected: { before: number; after: number };
}

const outage = () => Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" });

/** A database that fails as a network does: before the work (nothing done) or after a commit (reply lost). */
export function faultyDatabase(db: Database, plan: FaultPlan): Database {
  const fail = (phase: "before" | "after") => {
    plan.injected[phase] += 1;
    throw outage();
  };
  return {
    dialect: db.dialect,
    ping: () => db.ping(),
    close: () => db.close(),
    async query(sql: string, params?: readonly unknown[]) {
      if (plan.random() < plan.rate) fail("before");
      return db.query(sql, params);
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
      const roll = plan.random();
      if (roll < plan.rate / 2) fail("before");
      const result = await db.transaction(work, options);
      if (roll < plan.rate) fail("after");
      return result;
    },
  } as Database;
}

export interface SendResult {
  code: string;
  attempts: number;
  statuses: number[];
}

/** Posts until the answer is final (not 503, not AE), as an engine's resend queue does. */
export async function sendLikeAnEngine(
  post: (body: string) => Promise<Response>,
  body: string,
  maxAttempts = 25,
): Promise<SendResult> {
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const response = await post(body);
    statuses.push(response.status);
    const text = await response.text();
    const first = parseBatch(text).messages[0];
    const code = first ? parseHl7(first).get("MSA-1") : "";
    if (response.status !== 503 && response.status !== 429 && code !== "AE") {
      return { code: `${response.status} ${code}`, attempts: attempt, statuses };
    }
  }
  return { code: "gave up", attempts: maxAttempts, statuses };
}

/** What the ward list shows of a visit: the fields the census equality compares. */
export async function stayView(db: Database, visit: string): Promise<unknown[]> {
  const { rows } = await db.query(
    `SELECT s.status, w.code AS ward, s.bed, s.admitted_at, s.discharged_at
       FROM stay s LEFT JOIN ward w ON w.id = s.ward_id WHERE s.visit_number = $1`,
    [visit],
  );
  return rows;
}
