/**
 * One HL7 v2 message in, one ACK out: parse leniently, map strictly, apply in one transaction.
 * AA when applied (or a duplicate, or a trigger outside the census, with a note), AR when the
 * message can never be applied as sent (naming the segment and field), AE when storage is
 * unavailable and a retry will help.
 */
import "server-only";
import { mapHl7Message } from "@/lib/adt/hl7/map-message";
import { warningsAsAckErrors } from "@/lib/adt/hl7/mapping-warnings";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { applyMessage } from "@/lib/census/apply-message";
import { hl7ContentHash } from "@/lib/content-hash";
import { hl7AckTable, isAppError } from "@/lib/errors";
import { type AckError, buildAck } from "@/lib/hl7/ack";
import type { Hl7Message } from "@/lib/hl7/message";
import { parseHl7 } from "@/lib/hl7/parse";
import type { FeedSourceRef } from "@/lib/ingest/feed-health/feed-source";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { log } from "@/lib/log";
import { toAppError } from "@/lib/to-app-error";
import { newAckControlId } from "./ack-control-id";
import { countDelivery, hl7FeedSource, sourceOf } from "./hl7-source";
import { storeMdmDocument } from "./mdm/store-mdm-document";
import { siteRefusal } from "./site-scope";

export interface ProcessedHl7 {
  ack: string;
  code: "AA" | "AE" | "AR";
  /** True when the failure was the database or storage being down (HTTP 503, engine retries). */
  unavailable: boolean;
  /** What feed health records of this answer (lib/ingest/feed-health/record-feed-answers.ts). */
  feed: { ref: FeedSourceRef; controlId: string | null; reason?: string };
}

function ack(
  ctx: IngestContext,
  client: ApiClient,
  code: ProcessedHl7["code"],
  original: Hl7Message | undefined,
  errors: AckError[],
  text?: string,
): ProcessedHl7 {
  return {
    feed: {
      ref: hl7FeedSource(client, original),
      controlId: original?.controlId || null,
      // The ACK's own words (ERR-8, else MSA-3): field names and rules, never values.
      ...(code === "AA" ? {} : { reason: errors[0]?.message ?? text }),
    },
    ack: buildAck({
      original,
      code,
      errors,
      text: text ?? errors[0]?.message,
      controlId: newAckControlId(),
      now: ctx.now(),
      application: "DOWNTIME",
    }),
    code,
    unavailable: false,
  };
}

export async function processHl7Message(
  ctx: IngestContext,
  client: ApiClient,
  text: string,
): Promise<ProcessedHl7> {
  let message: Hl7Message;
  try {
    message = parseHl7(text);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return ack(ctx, client, "AR", undefined, [
      { location: error.location ?? "MSH", code: "100", message: error.message },
    ]);
  }
  // ER7 is text: a NUL is binary noise, and PostgreSQL text cannot store it (SQLSTATE 22021).
  const nul = text.split("\r").find((segment) => segment.includes("\u0000"));
  if (nul !== undefined) {
    const name = nul.slice(0, 3).replace(/[^A-Z0-9]/g, "?");
    return ack(ctx, client, "AR", message, [
      { location: name, code: "102", message: `Segment ${name} holds a NUL character (0x00)` },
    ]);
  }
  if (!message.controlId) {
    return ack(ctx, client, "AR", message, [
      { location: "MSH-10", code: "101", message: "MSH-10 (message control id) is required" },
    ]);
  }
  // Everything from here may reach the database (site codes, delivery counts, the document store,
  // the census): an outage at any step must answer this message AE with its MSA-2 and HTTP 503,
  // never escape to the route, where the ACKs of a batch's earlier messages would be lost.
  try {
    if (message.messageCode.toUpperCase() === "MDM") {
      const answer = await storeMdmDocument(ctx, client, message, text);
      return {
        ...ack(ctx, client, answer.code, message, answer.errors, answer.text),
        unavailable: answer.unavailable,
      };
    }
    const mapping = mapHl7Message(message, {
      timeZone: ctx.timeZone,
      facilityCodes: client.facilityCodes,
      mrnAuthorities: client.mrnAuthorities,
    });
    if (mapping.outcome === "rejected") return ack(ctx, client, "AR", message, mapping.issues);
    if (mapping.outcome === "ignored") {
      await countDelivery(ctx, client, message, text, mapping.reason);
      return ack(
        ctx,
        client,
        "AA",
        message,
        [{ message: mapping.note, code: "0", severity: "I" }],
        mapping.note,
      );
    }
    const refusal = await siteRefusal(ctx, client, message, mapping.otherSitesNamed);
    if (refusal) return ack(ctx, client, hl7AckTable.forbidden.ack, message, [refusal]);
    const result = await applyMessage(
      ctx.db,
      {
        source: sourceOf(client, message),
        controlId: message.controlId,
        protocol: "hl7v2",
        trigger: message.triggerEvent,
        events: mapping.events,
        contentHash: hl7ContentHash(text),
      },
      { tombstoneKey: ctx.tombstoneKey },
    );
    log.info("ingest.hl7.applied", {
      controlId: message.controlId,
      trigger: message.triggerEvent,
      status: result.status,
      warnings: mapping.warnings.length,
    });
    // Partial acceptance: each field the mapper dropped (or parse leniency) is an ERR, ERR-4 W.
    const notes: AckError[] = [
      ...warningsAsAckErrors(mapping.warnings),
      ...result.notes.map((note) => ({ message: note, code: "0", severity: "W" as const })),
    ];
    return ack(
      ctx,
      client,
      "AA",
      message,
      notes,
      result.status === "duplicate" ? "Duplicate: already applied" : "Applied",
    );
  } catch (thrown) {
    const error = toAppError(thrown, "ingest.hl7", { controlId: message.controlId });
    const { ack: code, errorCode } = hl7AckTable[error.code];
    if (error.code === "unavailable") {
      log.warn("ingest.hl7.unavailable", { controlId: message.controlId });
      return {
        ...ack(ctx, client, code, message, [
          { code: errorCode, message: "Storage is unavailable; retry later" },
        ]),
        unavailable: true,
      };
    }
    if (error.code === "internal") {
      return ack(ctx, client, code, message, [
        { code: errorCode, message: "Internal error while applying the message" },
      ]);
    }
    return ack(ctx, client, code, message, [
      { code: errorCode, location: error.location, message: error.message },
    ]);
  }
}
