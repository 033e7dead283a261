/**
 * One HL7 v2 message in, one ACK out: parse leniently, map strictly, apply in one transaction.
 * AA when applied (or a duplicate, or a trigger outside the census, with a note), AR when the
 * message can never be applied as sent (naming the segment and field), AE when storage is
 * unavailable and a retry will help.
 */
import "server-only";
import { mapHl7Message } from "@/lib/adt/hl7/map-message";
import type { NamedSite } from "@/lib/adt/hl7/map-visit";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { applyMessage } from "@/lib/census/apply-message";
import { configuredSiteCodes } from "@/lib/census/reference-cache";
import { hl7ContentHash } from "@/lib/content-hash";
import { hl7AckTable, isAppError } from "@/lib/errors";
import { type AckError, buildAck } from "@/lib/hl7/ack";
import type { Hl7Message } from "@/lib/hl7/message";
import { parseHl7 } from "@/lib/hl7/parse";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { log } from "@/lib/log";
import { toAppError } from "@/lib/to-app-error";
import { newAckControlId } from "./ack-control-id";

export interface ProcessedHl7 {
  ack: string;
  code: "AA" | "AE" | "AR";
  /** True when the failure was the database or storage being down (HTTP 503, engine retries). */
  unavailable: boolean;
}

function ack(
  ctx: IngestContext,
  code: ProcessedHl7["code"],
  original: Hl7Message | undefined,
  errors: AckError[],
  text?: string,
) {
  return {
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

/** Who sent it: the API client plus the sending application and facility (MSH-3, MSH-4). */
function sourceOf(client: ApiClient, message: Hl7Message): string {
  return [client.id, message.get("MSH-3.1"), message.get("MSH-4.1")].join("|");
}

/** A site the message names that is configured in Downtime but not this sender's. */
async function anotherConfiguredSite(
  ctx: IngestContext,
  named: readonly NamedSite[] | undefined,
): Promise<NamedSite | undefined> {
  if (!named?.length) return undefined;
  const configured = await configuredSiteCodes(ctx.db);
  return named.find((site) => configured.has(site.code));
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
    return ack(ctx, "AR", undefined, [
      { location: error.location ?? "MSH", code: "100", message: error.message },
    ]);
  }
  if (!message.controlId) {
    return ack(ctx, "AR", message, [
      { location: "MSH-10", code: "101", message: "MSH-10 (message control id) is required" },
    ]);
  }
  const mapping = mapHl7Message(message, { timeZone: ctx.timeZone, facilityCodes: client.facilityCodes });
  if (mapping.outcome === "rejected") return ack(ctx, "AR", message, mapping.issues);
  if (mapping.outcome === "ignored")
    return ack(ctx, "AA", message, [{ message: mapping.note, code: "0", severity: "I" }], mapping.note);
  // Never filed under the sender's own site instead: a patient must not appear on another site's wards.
  const otherSite = await anotherConfiguredSite(ctx, mapping.otherSitesNamed);
  if (otherSite) {
    log.warn("ingest.hl7.site_refused", { controlId: message.controlId, client: client.id });
    return ack(ctx, hl7AckTable.forbidden.ack, message, [
      {
        location: otherSite.field,
        code: hl7AckTable.forbidden.errorCode,
        message: `The message names site ${otherSite.code}, which this API key may not send for`,
      },
    ]);
  }
  try {
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
    });
    const notes = [...mapping.warnings, ...result.notes].map((note) => ({
      message: note,
      code: "0",
      severity: "W" as const,
    }));
    return ack(
      ctx,
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
        ...ack(ctx, code, message, [{ code: errorCode, message: "Storage is unavailable; retry later" }]),
        unavailable: true,
      };
    }
    if (error.code === "internal") {
      return ack(ctx, code, message, [
        { code: errorCode, message: "Internal error while applying the message" },
      ]);
    }
    return ack(ctx, code, message, [{ code: errorCode, location: error.location, message: error.message }]);
  }
}
