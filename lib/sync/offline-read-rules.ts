/**
 * Whether a device's report of an offline read can be believed (pure). A device can only have
 * shown a patient from its copy if the sync feed sent that patient to the session the copy
 * belongs to, and only while the copy lived: from the first send to that session until the copy
 * expired (the offline TTL, renewed by every completed sync round; sync-ledger.ts), and never in
 * the future. Device clocks drift, so each bound allows `clockSkewMs`; the expiry also allows
 * `copyLifeRefreshMs`, by which the ledger's expiry may lag the device's.
 */

export const clockSkewMs = 2 * 60_000;

/** How far the ledger's expiry of a copy may lag the device's (sync-ledger.ts renews it lazily). */
export const copyLifeRefreshMs = 10 * 60_000;

/** What the ledger knows of one patient in one session's copy. */
export interface LedgerRow {
  sessionId: string;
  patientId: string;
  wardId: string | null;
  firstSentAt: Date;
  expiresAt: Date;
}

/**
 * Offline actions a device may report: what `lib/offline/device-views.ts` queues, and documents
 * opened from the device's document copy (`document.open`, judged as a read of the document's
 * patient, which the server resolves from the document id: offline-reads.ts).
 */
export const reportableActions = ["ward.view", "patient.view", "document.open"] as const;
export type ReportableAction = (typeof reportableActions)[number];

/**
 * Why a report was not believed, for the answer and the audit:
 * - `unsupported-action`: not something a device reads offline.
 * - `incomplete`: a patient read without a patient, a ward view without a ward, or a document
 *   open naming no document this server holds.
 * - `in-future`: dated after now.
 * - `not-sent`: that session (of this user, on this device) was never sent the patient or ward.
 * - `before-copy`: dated before the patient was first sent to that session.
 * - `after-expiry`: dated after the copy expired.
 */
export const refusalReasons = [
  "unsupported-action",
  "incomplete",
  "in-future",
  "not-sent",
  "before-copy",
  "after-expiry",
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

export interface ReportedRead {
  eventId: string;
  action: string;
  at: Date;
  /** The session whose copy was read. */
  sessionId: string;
  patientId: string | null;
  wardId: string | null;
}

const copyLifeSlackMs = copyLifeRefreshMs + clockSkewMs;

export type Judgement =
  | { accepted: true; action: ReportableAction }
  | { accepted: false; reason: RefusalReason };

function isReportable(action: string): action is ReportableAction {
  return (reportableActions as readonly string[]).includes(action);
}

/** `ledger`: the rows `ledgerRowsFor` found (any session); only the read's session counts. */
export function judgeRead(read: ReportedRead, ledger: readonly LedgerRow[], now: Date): Judgement {
  const { action } = read;
  if (!isReportable(action)) return { accepted: false, reason: "unsupported-action" };
  const subject = action === "ward.view" ? read.wardId : read.patientId;
  if (subject === null) return { accepted: false, reason: "incomplete" };
  const at = read.at.getTime();
  if (at > now.getTime() + clockSkewMs) return { accepted: false, reason: "in-future" };
  const copies = ledger.filter(
    (row) =>
      row.sessionId === read.sessionId &&
      (action === "ward.view" ? row.wardId === subject : row.patientId === subject),
  );
  if (copies.length === 0) return { accepted: false, reason: "not-sent" };
  const from = (row: LedgerRow) => row.firstSentAt.getTime() - clockSkewMs;
  const until = (row: LedgerRow) => row.expiresAt.getTime() + copyLifeSlackMs;
  if (copies.some((row) => from(row) <= at && at <= until(row))) return { accepted: true, action };
  return { accepted: false, reason: copies.every((row) => at < from(row)) ? "before-copy" : "after-expiry" };
}
