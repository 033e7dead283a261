/** Who sent an HL7 message, and the best-effort count of a message that is not a census event. */
import "server-only";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { type CountedOutcome, recordCountedDelivery } from "@/lib/census/counted-deliveries";
import { hl7ContentHash } from "@/lib/content-hash";
import { boundedKey } from "@/lib/db/bounded-key";
import type { Hl7Message } from "@/lib/hl7/message";
import type { FeedSourceRef } from "@/lib/ingest/feed-health/feed-source";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { log } from "@/lib/log";

/**
 * The API client plus the sending application and facility (MSH-3, MSH-4). It keys unique indexes
 * (ingest_message, feed_source, feed_minute), so an over-long MSH-3/MSH-4 is bounded to fit
 * Aurora DSQL's index-key cap (lib/db/bounded-key.ts), the same way every time.
 */
export function sourceOf(client: ApiClient, message: Hl7Message): string {
  return boundedKey([client.id, message.get("MSH-3.1"), message.get("MSH-4.1")].join("|"));
}

/** The source with its parts, for feed health; a message that could not be read has neither part. */
export function hl7FeedSource(client: ApiClient, message: Hl7Message | undefined): FeedSourceRef {
  if (!message) return { source: `${client.id}||`, clientId: client.id, protocol: "hl7v2" };
  return {
    source: sourceOf(client, message),
    clientId: client.id,
    protocol: "hl7v2",
    sendingApplication: message.get("MSH-3.1"),
    sendingFacility: message.get("MSH-4.1"),
  };
}

/**
 * Counts a message for feed health. Best effort: it is already answered by what happened to it,
 * so an outage here must not make the engine resend it (the count is lost, the ACK stands).
 */
export async function countDelivery(
  ctx: IngestContext,
  client: ApiClient,
  message: Hl7Message,
  text: string,
  outcome: CountedOutcome,
): Promise<void> {
  const trigger = [message.messageCode, message.triggerEvent].filter(Boolean).join("^");
  try {
    await recordCountedDelivery(ctx.db, {
      source: sourceOf(client, message),
      controlId: message.controlId,
      protocol: "hl7v2",
      trigger,
      outcome,
      contentHash: hl7ContentHash(text),
    });
  } catch {
    log.warn("ingest.hl7.count_failed", { controlId: message.controlId, outcome });
  }
}
