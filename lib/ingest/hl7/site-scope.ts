/**
 * A message filed under the sender's only site must not name another site configured in Downtime
 * (PV1-3.4, MSH-4): a patient must never appear on another site's wards, nor be relabelled under
 * the sender's. Names that are no site of ours (a building, a system name) are fine.
 */
import "server-only";
import type { NamedSite } from "@/lib/adt/hl7/map-visit";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { configuredSiteCodes } from "@/lib/census/reference-cache";
import { hl7AckTable } from "@/lib/errors";
import type { AckError } from "@/lib/hl7/ack";
import type { Hl7Message } from "@/lib/hl7/message";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { log } from "@/lib/log";

/** The refusal (ERR) to answer with AR, or undefined when the message may be filed. */
export async function siteRefusal(
  ctx: IngestContext,
  client: ApiClient,
  message: Hl7Message,
  named: readonly NamedSite[] | undefined,
): Promise<AckError | undefined> {
  if (!named?.length) return undefined;
  const configured = await configuredSiteCodes(ctx.db);
  const other = named.find((site) => configured.has(site.code));
  if (!other) return undefined;
  log.warn("ingest.hl7.site_refused", { controlId: message.controlId, client: client.id });
  return {
    location: other.field,
    code: hl7AckTable.forbidden.errorCode,
    message: `The message names site ${other.code}, which this API key may not send for`,
  };
}
