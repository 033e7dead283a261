/**
 * Applies one delivered message (HL7 v2, FHIR or JSON, already mapped to census events) in one
 * write transaction: idempotency record, patients, merges, stays. The same source + control id a
 * second time changes nothing. Stays tombstoned by a purge ignore events no newer than the purge.
 */
import "server-only";
import type { AdtEvent } from "@/lib/adt/events";
import { foldStay } from "@/lib/adt/stay-fold";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { visitHash } from "@/lib/retention/visit-hash";
import { readPolicy } from "./facility-policy";
import { mergePatient, upsertPatient } from "./patient-store";
import { applyPublishing } from "./publishing";
import { facilityIdByCode, wardIdByCode } from "./reference-cache";
import { insertStay, loadStay, recordStayEvent, saveStayState, toStayEventRecord } from "./stay-store";

export interface IngestMessage {
  source: string;
  controlId: string;
  protocol: "hl7v2" | "fhir" | "json";
  trigger?: string;
  events: AdtEvent[];
}

export interface ApplyResult {
  status: "applied" | "duplicate";
  /** Readable notes for the sender (ACK/OperationOutcome); no patient data. */
  notes: string[];
}

export interface ApplyOptions {
  /** Key for purge tombstone hashes (see lib/retention/visit-hash.ts). */
  tombstoneKey: string;
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

async function applyEvent(
  db: Database,
  tx: Queryable,
  messageId: string,
  raw: AdtEvent,
  options: ApplyOptions,
  notes: string[],
) {
  const facilityId = await facilityIdByCode(db, tx, raw.facilityCode);
  const event = applyPublishing(raw, await readPolicy(tx, facilityId, "publishing"));
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
  const patientId = await upsertPatient(tx, facilityId, event.patient, event.eventAt);
  if (event.mergedFrom) await mergePatient(tx, facilityId, event.mergedFrom.mrn, patientId, event.eventAt);
  if (!event.visit) return;
  const record = toStayEventRecord(event);
  const state = foldStay([...(existing?.events ?? []), record])!;
  const wardId = state.location.ward ? await wardIdByCode(db, tx, facilityId, state.location.ward) : null;
  if (existing) {
    await recordStayEvent(tx, existing.id, messageId, event.trigger, record);
    await saveStayState(tx, existing.id, patientId, state, wardId);
    return;
  }
  const ids = { facilityId, patientId, visitNumber: event.visit.visitNumber };
  const stayId = await insertStay(tx, ids, state, wardId);
  // Another message created this stay since our snapshot: run the whole message again.
  if (!stayId) throw Object.assign(new Error("stay created concurrently"), { code: "40001" });
  await recordStayEvent(tx, stayId, messageId, event.trigger, record);
}

export function applyMessage(
  db: Database,
  message: IngestMessage,
  options: ApplyOptions,
): Promise<ApplyResult> {
  return writeTransaction(db, async (tx) => {
    const recorded = await tx.query<{ id: string }>(
      `INSERT INTO ingest_message (source, control_id, protocol, trigger_code, outcome) VALUES ($1, $2, $3, $4, 'applied')
       ON CONFLICT (source, control_id) DO NOTHING RETURNING id`,
      [message.source, message.controlId, message.protocol, message.trigger ?? null],
    );
    const messageId = recorded.rows[0]?.id;
    if (!messageId)
      return { status: "duplicate", notes: ["Already applied: this message was received before"] };
    const notes: string[] = [];
    for (const event of message.events) await applyEvent(db, tx, messageId, event, options, notes);
    return { status: "applied", notes };
  });
}
