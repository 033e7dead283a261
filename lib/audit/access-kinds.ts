/**
 * The three ways a patient's details reach a user, as the audit log tells them apart (issue 14,
 * item 9), so an IG report says who looked rather than which device was refreshed:
 *   patient.view  a patient's record opened (on screen, printed, or from the offline copy)
 *   ward.view     a ward list shown, listing the patients it showed
 *   patient.sync  a background sync round that put patients on a device's offline copy; nobody
 *                 necessarily looked, so IG reports leave it out unless asked for it
 * List events (ward.view, patient.sync) name their patients in `audit_event_patient`
 * (listed-patients.ts) so a patient-level report finds them. Pure: no I/O.
 */
import type { AuditAction } from "./record-audit";

export const accessKinds = {
  "patient.view": "Opened the patient's record",
  "ward.view": "Saw the patient on a ward list",
  "patient.sync": "Copied to a device by background sync",
} as const satisfies Partial<Record<AuditAction, string>>;

export type AccessKind = keyof typeof accessKinds;

/** Events that list their patients in `audit_event_patient` rather than in `patient_id`. */
export const listEventActions = ["ward.view", "patient.sync"] as const satisfies readonly AccessKind[];

/** Actions an IG report hides unless the reader asks for background syncs. */
export const syncActions = ["patient.sync"] as const satisfies readonly AccessKind[];

/**
 * Rows written before `patient.sync` existed recorded a sync as `patient.view` with detail
 * `{"via":"sync"}`; they are syncs too, and hidden with them.
 */
export function isBackgroundSync(action: string, via: string | null): boolean {
  return (syncActions as readonly string[]).includes(action) || (action === "patient.view" && via === "sync");
}

/** How an IG report names an event's kind for a reader; other actions read as themselves. */
export function accessKindLabel(action: string, via: string | null): string | undefined {
  if (action === "patient.view" && via === "sync") return accessKinds["patient.sync"];
  return (accessKinds as Record<string, string>)[action];
}
