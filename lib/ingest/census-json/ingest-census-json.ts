/** The JSON census API: validate, check the sender's sites, apply as one message. */
import "server-only";
import { type ApiClient, assertFacilityAllowed } from "@/lib/api-clients/api-clients";
import { type ApplyResult, applyMessage } from "@/lib/census/apply-message";
import { jsonContentHash } from "@/lib/content-hash";
import { AppError } from "@/lib/errors";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { containsNulCharacter, exceedsJsonDepth } from "@/lib/json-depth";
import { censusRequestSchema, jsonPointer, toAdtEvents } from "./census-json-schema";

export async function ingestCensusJson(
  ctx: IngestContext,
  client: ApiClient,
  bytes: Uint8Array,
): Promise<ApplyResult> {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("bad_request", "The body is not valid UTF-8 JSON");
  }
  // A census request nests four levels; recursive checks must never meet thousands (json-depth.ts).
  if (exceedsJsonDepth(body, 32)) throw new AppError("bad_request", "The body nests deeper than 32 levels");
  if (containsNulCharacter(body))
    throw new AppError(
      "bad_request",
      "The body holds a NUL character (\\u0000), which the census cannot store",
    );
  const parsed = censusRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("bad_request", `${jsonPointer(issue.path)}: ${issue.message}`, {
      location: jsonPointer(issue.path),
    });
  }
  for (const event of parsed.data.events) assertFacilityAllowed(client, event.facilityCode);
  return applyMessage(
    ctx.db,
    {
      source: `${client.id}|json`,
      controlId: parsed.data.messageId,
      protocol: "json",
      events: toAdtEvents(parsed.data),
      contentHash: jsonContentHash(body),
    },
    { tombstoneKey: ctx.tombstoneKey },
  );
}
