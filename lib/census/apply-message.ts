/**
 * Applies one delivered message (HL7 v2, FHIR or JSON, already mapped to census events) in one
 * write transaction: idempotency record, patients, merges, stays. The same source + control id +
 * content a second time changes nothing; the same control id with other content is a new message
 * (engines restart MSH-10 counters, some reuse fixed ids), applied with a warning and counted.
 * Stays tombstoned by a purge ignore events no newer than the purge.
 */
import "server-only";
import type { AdtEvent } from "@/lib/adt/events";
import { compareEvents, type StayEventRecord } from "@/lib/adt/stay-event";
import { foldStay } from "@/lib/adt/stay-fold";
import { jsonContentHash } from "@/lib/content-hash";
import { boundedKey } from "@/lib/db/bounded-key";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { log } from "@/lib/log";
import { visitHash } from "@/lib/retention/visit-hash";
import { readPolicy } from "./facility-policy";
import { assertIdentifiersBounded } from "./identifier-bounds";
import { bedsNamedBy } from "./named-beds";
import { finishPendingMerges } from "./patient-merge";
import { mergePatient, upsertPatient } from "./patient-store";
import { applyPublishing, withheldDemographics } from "./publishing";
import { facilityIdByCode, wardIdByCode } from "./reference-cache";
import {
  insertStay,
  type LoadedStay,
  loadStay,
  recordStayEvent,
  saveStayState,
  staysOfPatient,
  toStayEventRecord,
} from "./stay-store";
import { recordNamedBeds } from "./ward-bed-store";

export interface IngestMessage {
  source: string;
  controlId: string;
  protocol: "hl7v2" | "fhir" | "json";
  trigger?: string;
  events: AdtEvent[];
  /**
   * SHA-256 of the message as received (lib/content-hash.ts): what tells a resend from a new
   * message that reuses its control id. Defaults to the hash of its events (tests, benchmarks).
   */
  contentHash?: string;
}

export interface ApplyResult {
  status: "applied" | "duplicate";
  /** Applied although its control id was seen before, with other content. */
  reusedControlId?: boolean;
  /** Readable notes for the sender (ACK/OperationOutcome); no patient data. */
  notes: string[];
}

export interface ApplyOptions {
  /** Key for purge tombstone hashes (see lib/retention/visit-hash.ts). */
  tombstoneKey: string;
  /**
   * Writes that belong with the delivery, in its transaction: run for a duplicate too, so a
   * resend after a failure records them (e.g. a FHIR sender's Patient ids).
   */
  alongside?: (tx: Queryable) => Promise<void>;
}

async function isTombstoned(
  tx: Queryable,
  facilityId: string,
  event: AdtEvent,
  key: string,
): Promise<boolean> {
  const { rows } = await tx.query<{ last_event_at: Date }>(
    "SELECT last_event_at FROM purged_visit WHERE facility_id = $1 AND visit_hash = $2",
    [facilityId, visitHash(key, facilityId, event.visit!.visitNumber)],
  );
  return rows[0] !== undefined && event.eventAt.getTime() <= new Date(rows[0].last_event_at).getTime();
}

/** What applying a message's events found out beyond its notes. */
interface ApplyProgress {
  notes: string[];
  /** A merge left rows to move after the commit (patient-merge.ts). */
  mergePending: boolean;
}

async function applyEvent(
  db: Database,
  tx: Queryable,
  messageId: string,
  raw: AdtEvent,
  options: ApplyOptions,
  progress: ApplyProgress,
) {
  const { notes } = progress;
  const facilityId = await facilityIdByCode(db, tx, raw.facilityCode);
  const policy = await readPolicy(tx, facilityId, "publishing");
  const event = applyPublishing(raw, policy);
  if (event.visit && (await isTombstoned(tx, facilityId, event, options.tombstoneKey))) {
    notes.push(
      `Visit ${event.visit.visitNumber} was purged after discharge; this older event was not applied`,
    );
    return;
  }
  // Checked before anything is written: a late event for a purged stay must not bring back even
  // the patient row.
  const existing = event.visit ? await loadStay(tx, facilityId, event.visit.visitNumber) : null;
  if (event.visit && !existing && (await isTombstoned(tx, facilityId, event, options.tombstoneKey))) {
    notes.push(
      `Visit ${event.visit.visitNumber} was purged after discharge; this older event was not applied`,
    );
    return;
  }
  const patientId = await upsertPatient(
    tx,
    facilityId,
    event.patient,
    event.eventAt,
    withheldDemographics(policy),
  );
  if (
    event.mergedFrom &&
    (await mergePatient(tx, facilityId, event.mergedFrom.mrn, patientId, event.eventAt))
  ) {
    progress.mergePending = true;
  }
  if (event.kind === "move-account") {
    const moved = await moveAccount(db, tx, { facilityId, patientId, messageId, event });
    if (moved === 0) notes.push("No visit of the MRG-1 patient has that account yet; nothing was moved");
    return;
  }
  if (!event.visit) return;
  const record = toStayEventRecord(event);
  if (existing) {
    await addStayEvent(
      db,
      tx,
      { facilityId, patientId, messageId, trigger: event.trigger },
      existing,
      record,
    );
    return;
  }
  const state = foldStay([record])!;
  const wardId = state.location.ward ? await wardIdByCode(db, tx, facilityId, state.location.ward) : null;
  const ids = { facilityId, patientId, visitNumber: event.visit.visitNumber };
  const stayId = await insertStay(tx, ids, state, wardId);
  // Another message created this stay since our snapshot: run the whole message again.
  if (!stayId) throw Object.assign(new Error("stay created concurrently"), { code: "40001" });
  await recordStayEvent(tx, stayId, messageId, event.trigger, record);
}

interface StayEventContext {
  facilityId: string;
  /** The patient the event names. */
  patientId: string;
  messageId: string;
  trigger: string;
}

/**
 * Records an event on an existing stay and saves the stay folded again. The stay belongs to the
 * patient its latest event names (a move, A44/A45, hands it over): an older event arriving late
 * never hands it back.
 */
async function addStayEvent(
  db: Database,
  tx: Queryable,
  ctx: StayEventContext,
  existing: LoadedStay,
  record: StayEventRecord,
) {
  const events = [...existing.events, record];
  const state = foldStay(events)!;
  const latest = [...events].sort(compareEvents).at(-1)!;
  const owner = latest === record ? ctx.patientId : existing.patientId;
  const wardId = state.location.ward ? await wardIdByCode(db, tx, ctx.facilityId, state.location.ward) : null;
  await recordStayEvent(tx, existing.id, ctx.messageId, ctx.trigger, record);
  await saveStayState(tx, existing.id, owner, state, wardId);
}

/**
 * A44: every stay of patient MRG-1 whose account is MRG-3 (or whose visit number is, for feeds
 * that use one number for both) gets a move event naming the new patient. Returns how many.
 */
async function moveAccount(
  db: Database,
  tx: Queryable,
  ctx: { facilityId: string; patientId: string; messageId: string; event: AdtEvent },
): Promise<number> {
  const { mrn, accountNumber } = ctx.event.movedFrom!;
  const stays = await staysOfPatient(tx, ctx.facilityId, mrn);
  let moved = 0;
  for (const visitNumber of stays) {
    const stay = await loadStay(tx, ctx.facilityId, visitNumber);
    if (!stay) continue;
    const account = foldStay(stay.events)?.accountNumber;
    if (account !== accountNumber && !(account === undefined && visitNumber === accountNumber)) continue;
    const record = toStayEventRecord({ ...ctx.event, kind: "move-visit", visit: { visitNumber } });
    await addStayEvent(db, tx, { ...ctx, trigger: ctx.event.trigger }, stay, record);
    moved += 1;
  }
  return moved;
}

/**
 * The idempotency record: a new message gets a row (and its id), a resend gets null. One round
 * trip for a new control id; a reused one costs two more (the earlier row's hash, then a row
 * keyed `<control id>|sha256:<hash>`, so a resend of the second message is a duplicate too).
 */
async function recordDelivery(
  tx: Queryable,
  message: IngestMessage,
  contentHash: string,
): Promise<{ messageId: string; reused: boolean } | null> {
  // The feed's age per facility is the latest of these rows (lib/census/feed-ages.ts). A message
  // names one facility (PV1-3.4 or MSH-4, the FHIR or JSON site); its first event's is taken.
  const facility = message.events[0]?.facilityCode ?? null;
  // The unique index (source, control_id) must stay under DSQL's index-key cap: a long control id
  // or source is stored bounded (lib/db/bounded-key.ts), the same way every time, so it dedupes.
  const source = boundedKey(message.source);
  const controlId = boundedKey(message.controlId);
  const insert = async (key: string, outcome: "applied" | "applied-reused-id") => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO ingest_message (source, control_id, protocol, trigger_code, outcome, content_hash, facility_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (source, control_id) DO NOTHING RETURNING id`,
      [source, key, message.protocol, message.trigger ?? null, outcome, contentHash, facility],
    );
    return rows[0]?.id;
  };
  const first = await insert(controlId, "applied");
  if (first) return { messageId: first, reused: false };
  const { rows } = await tx.query<{ content_hash: string | null }>(
    "SELECT content_hash FROM ingest_message WHERE source = $1 AND control_id = $2",
    [source, controlId],
  );
  // Not visible yet: another transaction is recording it now; run the whole message again.
  if (!rows[0]) throw Object.assign(new Error("delivery recorded concurrently"), { code: "40001" });
  // Rows from before content hashes were kept compare as the same content, as they always did.
  const earlier = rows[0].content_hash;
  if (earlier === null || earlier === contentHash) return null;
  const again = await insert(`${controlId}|sha256:${contentHash}`, "applied-reused-id");
  return again ? { messageId: again, reused: true } : null;
}

/**
 * The most census events one message may carry. Each event modifies about three rows (patient,
 * stay, stay event) and the delivery one more, so this keeps a message's transaction well inside
 * Aurora DSQL's 3,000-row limit (lib/db/transaction-budget.ts enforces it on every adapter). A
 * larger all-or-nothing request is refused before anything is written; a batch applies per entry.
 */
export const maxEventsPerMessage = 500;

export async function applyMessage(
  db: Database,
  message: IngestMessage,
  options: ApplyOptions,
): Promise<ApplyResult> {
  assertIdentifiersBounded(message.events);
  const contentHash = message.contentHash ?? jsonContentHash(message.events);
  let mergePending = false;
  const result = await writeTransaction(db, async (tx): Promise<ApplyResult> => {
    const delivery = await recordDelivery(tx, message, contentHash);
    await options.alongside?.(tx);
    if (!delivery)
      return { status: "duplicate", notes: ["Already applied: this message was received before"] };
    const notes: string[] = [];
    const progress: ApplyProgress = { notes, mergePending: false };
    if (delivery.reused) {
      notes.push(
        `Control id ${message.controlId} was used before for a different message; applied as a new message`,
      );
    }
    for (const event of message.events)
      await applyEvent(db, tx, delivery.messageId, event, options, progress);
    mergePending ||= progress.mergePending;
    // The ward's record of known beds, from which empty beds are listed (ward-bed-store.ts).
    await recordNamedBeds(db, tx, message.events.flatMap(bedsNamedBy));
    return { status: "applied", notes, ...(delivery.reused ? { reusedControlId: true } : {}) };
  });
  // A large merge moves the rest of its rows now, in transactions of its own. The message is
  // applied already: if this fails, the housekeeping run finishes the merge.
  if (mergePending) {
    await finishPendingMerges(db).catch((error: unknown) =>
      log.warn("census.merge.unfinished", { error: error instanceof Error ? error.name : "unknown" }),
    );
  }
  // Control ids and sources name messages and systems, never patients.
  if (result.reusedControlId) {
    log.warn("ingest.control_id.reused", { source: message.source, controlId: message.controlId });
  }
  return result;
}
