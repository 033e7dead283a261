/**
 * The staff screens' side of downtime documents: open one from the server (audited there as
 * `document.open`) or, with no signal, from the device's document copy (queued for the audit log
 * as a `document.open` read, like patients shown offline); keep the copy in line after sync; and
 * report what it holds against the budget and the browser's quota. Loaded on demand (dynamic
 * import) by the screens that need it, never by the ward list's first paint.
 */

import type { DocumentCopyStatus } from "./document-copy";
import { documentCopyStatus, readDocumentCopy, refreshDocumentCopy } from "./document-copy";
import type { CacheIdentity } from "./offline-identity";
import { syncAllowed } from "./sync-coordinator";
import { openWardCache, queueOfflineRead } from "./ward-cache";

export type ServerDocument =
  | { kind: "ok"; blob: Blob }
  | { kind: "unreachable" }
  | { kind: "refused"; status: number; message: string };

/** Announced after the copy changes, so a storage line on screen can update. */
export const documentCopyChangedEvent = "downtime:document-copy-changed";

export async function fetchServerDocument(documentId: string): Promise<ServerDocument> {
  let response: Response;
  try {
    response = await fetch(`/api/documents/${encodeURIComponent(documentId)}`, { cache: "no-store" });
  } catch {
    return { kind: "unreachable" };
  }
  if (response.ok) return { kind: "ok", blob: await response.blob() };
  // A 5xx from a proxy or the worker's offline answer is "cannot reach", not a refusal.
  if (response.status >= 500) return { kind: "unreachable" };
  const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
  return {
    kind: "refused",
    status: response.status,
    message: problem?.detail ?? "This document cannot be opened.",
  };
}

export interface DocumentContext {
  documentId: string;
  stayId: string;
  patientId: string;
  wardId: string | null;
}

/** The document from the device copy, its opening queued for the audit log; null if not kept. */
export async function openDeviceDocument(
  identity: CacheIdentity,
  context: DocumentContext,
): Promise<Blob | null> {
  const cache = await openWardCache(identity);
  try {
    const blob = await readDocumentCopy(cache, context.documentId);
    if (blob) {
      await queueOfflineRead(cache, {
        action: "document.open",
        at: new Date().toISOString(),
        stayId: context.stayId,
        patientId: context.patientId,
        wardId: context.wardId,
        documentId: context.documentId,
      });
    }
    return blob;
  } finally {
    cache.db.close();
  }
}

async function fetchForCopy(documentId: string): Promise<ArrayBuffer | null> {
  const response = await fetch(`/api/documents/${encodeURIComponent(documentId)}?copy=device`, {
    cache: "no-store",
  });
  if (response.status === 403 || response.status === 404) return null;
  if (!response.ok) throw new Error(`Document copy failed with HTTP ${response.status}`);
  return response.arrayBuffer();
}

/**
 * Keeps the device's documents in line with its ward copy. Asks the browser once to keep this
 * site's storage (navigator.storage.persist): without it, a browser short of space may clear
 * the copy when it is needed most.
 */
export async function refreshDeviceDocuments(identity: CacheIdentity): Promise<void> {
  if (!syncAllowed()) return;
  const cache = await openWardCache(identity);
  try {
    const plan = await refreshDocumentCopy(cache, (id) =>
      syncAllowed() ? fetchForCopy(id) : Promise.resolve(null),
    );
    if (plan && plan.keep.length > 0) await navigator.storage?.persist?.().catch(() => false);
  } finally {
    cache.db.close();
  }
  window.dispatchEvent(new Event(documentCopyChangedEvent));
}

export interface DeviceStorageReport extends DocumentCopyStatus {
  /** Whether the browser agreed to keep this site's data (null: it cannot say). */
  persisted: boolean | null;
  /** navigator.storage.estimate(): what the whole site uses and may use, in bytes. */
  usage: number | null;
  quota: number | null;
}

export async function deviceStorageReport(): Promise<DeviceStorageReport> {
  const [status, persisted, estimate] = await Promise.all([
    documentCopyStatus(),
    navigator.storage?.persisted?.().catch(() => null) ?? null,
    navigator.storage?.estimate?.().catch(() => null) ?? null,
  ]);
  return {
    ...status,
    persisted: persisted ?? null,
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
  };
}
