/**
 * The HL7 v2 over HTTP endpoint's logic: a body with one message or a batch (FHS/BHS), answered
 * with one ACK per message (wrapped in a batch when the request was one). HTTP status follows
 * what engines do with it: 200 for AA and AR (never retried: an AR can never succeed), 503 with
 * Retry-After when storage is down (queued and retried), 400 only when the body is not HL7.
 */
import "server-only";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { AppError, defaultRetryAfterSeconds, hl7AckTable } from "@/lib/errors";
import { buildAck } from "@/lib/hl7/ack";
import { parseBatch } from "@/lib/hl7/batch";
import { formatHl7Timestamp } from "@/lib/hl7/datetime";
import { decodeHl7Body } from "@/lib/hl7/decode-body";
import type { Hl7Message } from "@/lib/hl7/message";
import { parseHl7 } from "@/lib/hl7/parse";
import { type FeedAnswer, recordFeedAnswersSafely } from "@/lib/ingest/feed-health/record-feed-answers";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { newAckControlId } from "./ack-control-id";
import { hl7FeedSource } from "./hl7-source";
import { type ProcessedHl7, processHl7Message } from "./process-hl7-message";

export interface Hl7HttpResponse {
  status: number;
  body: string;
  retryAfterSeconds?: number;
}

function looksLikeHl7(text: string): boolean {
  return /^[\uFEFF\s]*(MSH|FHS|BHS)./.test(text);
}

/** BHS-11 is our batch control id, BHS-12 the request's (chapter 2.15.2); FHS likewise. */
function wrapBatch(acks: string[], original: ReturnType<typeof parseBatch>, now: Date): string {
  const time = formatHl7Timestamp(now);
  const bhs = `BHS|^~\\&|DOWNTIME||||${time}||||${newAckControlId()}|${original.batchControlId}\r`;
  const body = `${bhs}${acks.join("")}BTS|${acks.length}\r`;
  if (!original.fileHeader) return body;
  return `FHS|^~\\&|DOWNTIME||||${time}||||${newAckControlId()}|${original.fileControlId}\r${body}FTS|1\r`;
}

function notAttempted(ctx: IngestContext, client: ApiClient, text: string): ProcessedHl7 {
  let original: ReturnType<typeof parseHl7> | undefined;
  try {
    original = parseHl7(text);
  } catch {
    original = undefined;
  }
  const message = "Not applied: storage is unavailable; retry later";
  const ack = buildAck({
    original,
    code: "AE",
    errors: [{ code: "207", message }],
    text: message,
    controlId: newAckControlId(),
    now: ctx.now(),
    application: "DOWNTIME",
  });
  return {
    ack,
    code: "AE",
    unavailable: true,
    feed: { ref: hl7FeedSource(client, original), controlId: original?.controlId || null, reason: message },
  };
}

/** Every answer of the request, for feed health: after the messages' own transactions, best effort. */
function feedAnswers(results: readonly ProcessedHl7[], at: Date): FeedAnswer[] {
  return results.map((result) => ({
    ref: result.feed.ref,
    at,
    outcome: result.unavailable ? "unavailable" : result.code,
    controlId: result.feed.controlId,
    reason: result.feed.reason,
  }));
}

export async function ingestHl7(
  ctx: IngestContext,
  client: ApiClient,
  bytes: Uint8Array,
): Promise<Hl7HttpResponse> {
  const text = decodeHl7Body(bytes);
  if (!looksLikeHl7(text)) {
    const refusal = new AppError(
      "bad_request",
      "The body is not an HL7 v2 message (it must start with MSH, BHS or FHS)",
    );
    await recordFeedAnswersSafely(ctx.db, [
      { ref: hl7FeedSource(client, undefined), at: ctx.now(), outcome: "AR", reason: refusal.message },
    ]);
    return hl7Refusal(refusal, ctx.now());
  }
  const batch = parseBatch(text);
  if (batch.messages.length === 0) {
    // Headers with nothing in them, or segments outside any MSH (dropped by the split): a 200
    // with an empty batch ACK would tell the engine its segments were delivered.
    const refusal = new AppError(
      "bad_request",
      batch.skippedLines > 0
        ? "The body holds segments outside any message (no MSH before them); nothing was applied"
        : "The batch holds no message (MSH)",
    );
    await recordFeedAnswersSafely(ctx.db, [
      { ref: hl7FeedSource(client, undefined), at: ctx.now(), outcome: "AR", reason: refusal.message },
    ]);
    return hl7Refusal(refusal, ctx.now());
  }
  const results: ProcessedHl7[] = [];
  for (const message of batch.messages) {
    // With storage down every later message would fail the same way (after a connection
    // timeout each): answer AE for the rest without trying.
    const storageDown = results.some((result) => result.unavailable);
    results.push(
      storageDown ? notAttempted(ctx, client, message) : await processHl7Message(ctx, client, message),
    );
  }
  await recordFeedAnswersSafely(ctx.db, feedAnswers(results, ctx.now()));
  const unavailable = results.some((result) => result.unavailable);
  const acks = results.map((result) => result.ack);
  const isBatch = batch.batchHeaders.length > 0 || batch.fileHeader !== null;
  return {
    status: unavailable ? 503 : 200,
    body: isBatch ? wrapBatch(acks, batch, ctx.now()) : acks.join(""),
    ...(unavailable ? { retryAfterSeconds: defaultRetryAfterSeconds } : {}),
  };
}

/**
 * An ACK for a request refused before any message was processed (auth, rate, size, not HL7,
 * storage down). `original` is the first message's header when it could be read: MSA-2 then
 * echoes its control id.
 */
export function hl7Refusal(error: AppError, now: Date, original?: Hl7Message): Hl7HttpResponse {
  const { ack, errorCode } = hl7AckTable[error.code];
  const body = buildAck({
    original,
    code: ack,
    // Table 0357 has no code for "not authorised" or "too large"; 207 (application error) with
    // the reason in ERR-8 is what engines display.
    errors: [{ code: errorCode, message: error.message }],
    text: error.message,
    controlId: newAckControlId(),
    now,
    application: "DOWNTIME",
  });
  const retryAfterSeconds = error.retryAfter;
  return { status: error.status, body, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
}
