/**
 * Messages that are not census events still get their delivery row in `ingest_message`, with no
 * content: those acknowledged and not stored (non-ADT traffic, ADT triggers outside the census)
 * and MDM documents (whose idempotency is the document's own). That row is what counts them per
 * source for feed health, and what lets a resend count once. The reused-control-id rule of
 * apply-message.ts holds here too (same source and id with other content is another message).
 */
import "server-only";
import { boundedKey } from "@/lib/db/bounded-key";
import type { Queryable } from "@/lib/db/types";

export type CountedOutcome = "not-used" | "not-census" | "document";

export interface CountedDelivery {
  source: string;
  controlId: string;
  protocol: "hl7v2" | "fhir" | "json";
  /** As sent, e.g. "ORU^R01" or "A15". */
  trigger?: string;
  outcome: CountedOutcome;
  contentHash: string;
}

export async function recordCountedDelivery(db: Queryable, delivery: CountedDelivery): Promise<void> {
  // Bounded for the (source, control_id) index as in apply-message.ts (lib/db/bounded-key.ts).
  const source = boundedKey(delivery.source);
  const controlId = boundedKey(delivery.controlId);
  const insert = (key: string) =>
    db.query<{ id: string }>(
      `INSERT INTO ingest_message (source, control_id, protocol, trigger_code, outcome, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source, control_id) DO NOTHING RETURNING id`,
      [source, key, delivery.protocol, delivery.trigger ?? null, delivery.outcome, delivery.contentHash],
    );
  if ((await insert(controlId)).rows[0]) return;
  const { rows } = await db.query<{ content_hash: string | null }>(
    "SELECT content_hash FROM ingest_message WHERE source = $1 AND control_id = $2",
    [source, controlId],
  );
  const earlier = rows[0]?.content_hash;
  if (earlier === undefined || earlier === null || earlier === delivery.contentHash) return;
  await insert(`${controlId}|sha256:${delivery.contentHash}`);
}
