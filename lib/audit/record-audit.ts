/**
 * Appends to the audit log (`audit_event`). There is deliberately no update or delete anywhere in
 * the code: the log is append-only. Callers pass internal ids, never names or NHS numbers (the
 * exceptions are what someone searched for: a staff search's query text and the identifier an IG
 * report looked up; IG needs to see them, and the audit table, unlike the logs, may hold them);
 * the username is recorded as it was at the time
 * (users can be renamed or removed later).
 *
 * An event may bring its own id (see audit-event-id.ts): with `skipDuplicates`, an event whose id
 * is already recorded is left as it is, so a report sent twice is recorded once.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { rowPlaceholders } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import { retryOnConflict, writeTransaction } from "@/lib/db/write-transaction";

export const auditActions = [
  /** A patient's record opened (access-kinds.ts). */
  "patient.view",
  /** A ward list shown; its patients are listed in audit_event_patient (listed-patients.ts). */
  "ward.view",
  /** One background sync round that put patients on a device; they are listed like a ward view's. */
  "patient.sync",
  "patient.search",
  /** One per patient a search showed (record or candidate), so IG finds it by patient. */
  "patient.search.hit",
  /** Offline reads a device reported that the server would not believe (lib/sync/offline-reads.ts). */
  "audit.offline.refused",
  "document.open",
  /** A document's bytes copied to a device's offline copy (lib/offline/document-copy.ts), not opened. */
  "document.sync",
  "sign-in",
  "sign-in.failed",
  "sign-out",
  "account.locked",
  "enrolment.created",
  "enrolment.activated",
  "enrolment.reset",
  "break-glass.granted",
  "break-glass.refused",
  "setting.changed",
  "user.changed",
  "device.changed",
  "downtime.declared",
  "downtime.ended",
  "purge.run",
  /** A refused request: role, cross-site, API key (lib/audit/refusal-audit.ts). */
  "access.refused",
  /** How many refusals the rate limit kept from their own rows (lib/audit/refusal-limiter.ts). */
  "access.refused.suppressed",
  "sign-in.attack-suspected",
  "break-glass.burst",
  "user.change-refused",
  "user.clinical-role-granted",
  /** An admin ran the purge from the console (lib/retention/run-purge-now.ts), with its counts. */
  "purge.requested",
  /** An admin cleared the sign-in throttle on a user's name (lib/staff/staff-unlock.ts). */
  "user.unlocked",
  /** An integration API key created, revoked or rotated (lib/api-clients/api-clients.ts). */
  "api-client.changed",
  /** An IG report run or exported, with its kind and parameters (lib/audit/ig-reports.ts). */
  "audit.report",
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEventInput {
  /** Normally left out (a random id); a derived id makes the event idempotent (audit-event-id.ts). */
  id?: string;
  action: AuditAction;
  outcome: "success" | "failure" | "refused";
  occurredAt?: Date;
  userId?: string | null;
  username?: string | null;
  sessionId?: string | null;
  method?: "launcher" | "byod" | "api" | "system" | null;
  deviceId?: string | null;
  patientId?: string | null;
  wardId?: string | null;
  documentId?: string | null;
  breakGlass?: boolean;
  offline?: boolean;
  reason?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Extra facts as JSON; ids and codes only (and a search's query, see above). */
  detail?: Record<string, string | number | boolean | null | readonly string[]>;
}

const columns =
  "id, occurred_at, action, outcome, user_id, username, session_id, method, device_id, patient_id, ward_id, document_id, break_glass, offline, reason, ip, user_agent, detail";
const perRow = 18;

function values(event: AuditEventInput): unknown[] {
  return [
    event.id ?? randomUUID(),
    event.occurredAt ?? new Date(),
    event.action,
    event.outcome,
    event.userId ?? null,
    event.username ?? null,
    event.sessionId ?? null,
    event.method ?? null,
    event.deviceId ?? null,
    event.patientId ?? null,
    event.wardId ?? null,
    event.documentId ?? null,
    event.breakGlass ?? false,
    event.offline ?? false,
    event.reason ?? null,
    event.ip ?? null,
    event.userAgent?.slice(0, 300) ?? null,
    JSON.stringify(event.detail ?? {}),
  ];
}

/** Rows per INSERT: 500 × 18 parameters, far under PostgreSQL's 65,535 and DSQL's 3,000 rows. */
export const auditRowsPerStatement = 500;

/**
 * Records events in one statement (a ward list view records one row per patient shown) and
 * returns how many were inserted: all of them, unless `skipDuplicates` left out events whose id
 * is recorded already.
 */
export async function recordAudit(
  db: Queryable,
  events: AuditEventInput | AuditEventInput[],
  options: { skipDuplicates?: boolean } = {},
): Promise<number> {
  const list = Array.isArray(events) ? events : [events];
  const onConflict = options.skipDuplicates ? " ON CONFLICT (id) DO NOTHING" : "";
  let inserted = 0;
  // Chunks stay well under DSQL's 3,000-row transaction limit and PostgreSQL's parameter limit.
  for (let start = 0; start < list.length; start += auditRowsPerStatement) {
    const chunk = list.slice(start, start + auditRowsPerStatement);
    const result = await db.query(
      `INSERT INTO audit_event (${columns}) VALUES ${rowPlaceholders(chunk.length, perRow)}${onConflict}`,
      chunk.flatMap(values),
    );
    inserted += result.rowCount;
  }
  return inserted;
}

/**
 * An event with nothing else to commit beside it (a refused sign-in, a read): its own write
 * transaction, so a conflict or a dropped connection is retried rather than leaving no record.
 */
export async function recordAuditNow(
  db: Database,
  events: AuditEventInput | AuditEventInput[],
): Promise<number> {
  const list = Array.isArray(events) ? events : [events];
  // One multi-row INSERT is atomic by itself: sent alone, without BEGIN and COMMIT, it costs one
  // round trip instead of three (a ward list view's rows, a patient view's). A conflict (40001)
  // means nothing was written, so it is retried like a transaction.
  if (list.length <= auditRowsPerStatement) return retryOnConflict(() => recordAudit(db, list));
  return writeTransaction(db, (tx) => recordAudit(tx, list));
}

/**
 * Many events at once (a print pack's one row per document): each slice in a transaction of its
 * own, so no transaction passes Aurora DSQL's row limit (lib/db/transaction-budget.ts). A slice
 * that fails after others committed leaves those rows: a record of reads that did happen.
 */
export async function recordAuditInSlices(
  db: Database,
  events: readonly AuditEventInput[],
  perTransaction = 1_000,
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < events.length; start += perTransaction) {
    const slice = events.slice(start, start + perTransaction);
    inserted += await writeTransaction(db, (tx) => recordAudit(tx, slice));
  }
  return inserted;
}
