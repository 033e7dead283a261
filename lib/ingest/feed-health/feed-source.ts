/**
 * A feed source: who sent a message, as feed health names it. HL7 v2 sources are
 * `<api client id>|<sending application>|<sending facility>` (MSH-3.1, MSH-4.1: lib/ingest/hl7/hl7-source.ts),
 * FHIR and census JSON sources `<api client id>|fhir` and `<api client id>|json`. The parts are kept
 * beside the name (`feed_source`, migration 0028) so screens show the API client's name and the
 * sending application and facility rather than raw ids. Pure: no I/O.
 */

export type FeedProtocol = "hl7v2" | "fhir" | "json";

export interface FeedSourceRef {
  /** The name ingest_message and feed_minute use. */
  source: string;
  clientId: string;
  protocol: FeedProtocol;
  /** MSH-3.1 for HL7 v2. */
  sendingApplication?: string;
  /** MSH-4.1 for HL7 v2. */
  sendingFacility?: string;
}

/** A FHIR or census JSON source: one per API client and protocol. */
export function clientFeedSource(clientId: string, protocol: "fhir" | "json"): FeedSourceRef {
  return { source: `${clientId}|${protocol}`, clientId, protocol };
}

/** How a source is shown: "Rhapsody PROD · PAS · RXD01", or "Rhapsody PROD · FHIR". */
export function feedSourceLabel(
  ref: Pick<FeedSourceRef, "protocol" | "sendingApplication" | "sendingFacility">,
  clientName: string | undefined,
): string {
  const client = clientName ?? "Unknown API client";
  if (ref.protocol === "fhir") return `${client} · FHIR`;
  if (ref.protocol === "json") return `${client} · census JSON`;
  const application = ref.sendingApplication || "(no MSH-3)";
  const facility = ref.sendingFacility || "(no MSH-4)";
  return `${client} · ${application} · ${facility}`;
}
