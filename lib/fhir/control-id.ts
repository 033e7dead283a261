import { jsonContentHash } from "@/lib/content-hash";

/**
 * The control id of a FHIR delivery: with the source, what makes delivery idempotent (ingest_message,
 * docs/design.md section 4). The same delivery retried must give the same id; a changed one a new id.
 *   Bundle (any type)  Bundle.id: R4 reliable messaging (messaging.html#reliable) has receivers spot
 *                      repeats by Bundle.id; then, for a message, MessageHeader.id; then
 *                      Bundle.identifier ("system|value", or the value alone).
 *   one resource       "Type/id/_history/versionId" (meta.versionId), else "Type/id@lastUpdated"
 *                      (meta.lastUpdated): a resource id alone names every version, so using it would
 *                      drop later updates of the same Encounter as duplicates.
 *   anything else      "sha256:" and the hash of the parsed body, so an identical retry is still
 *                      recognised and any change is a new delivery.
 */

type Json = Record<string, unknown>;

const text = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
const record = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

export function contentHash(body: unknown): string {
  return `sha256:${jsonContentHash(body)}`;
}

export function controlIdOf(body: unknown): string {
  const resource = record(body);
  if (resource?.resourceType === "Bundle") {
    const header =
      resource.type === "message" ? record(record(asArray(resource.entry)[0])?.resource) : undefined;
    const identifier = record(resource.identifier);
    const system = text(identifier?.system);
    const value = text(identifier?.value);
    return (
      text(resource.id) ??
      (header?.resourceType === "MessageHeader" ? text(header.id) : undefined) ??
      (value ? (system ? `${system}|${value}` : value) : undefined) ??
      contentHash(body)
    );
  }
  const type = text(resource?.resourceType);
  const id = text(resource?.id);
  const meta = record(resource?.meta);
  const versionId = text(meta?.versionId);
  const lastUpdated = text(meta?.lastUpdated);
  if (type && id && versionId) return `${type}/${id}/_history/${versionId}`;
  if (type && id && lastUpdated) return `${type}/${id}@${lastUpdated}`;
  return contentHash(body);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
