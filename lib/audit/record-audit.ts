/**
 * Appends to the audit log (`audit_event`). There is deliberately no update or delete anywhere in
 * the code: the log is append-only. Callers pass internal ids, never names or NHS numbers; the
 * username is recorded as it was at the time (users can be renamed or removed later).
 */
import "server-only";
import { rowPlaceholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";

export const auditActions = [
  "patient.view",
  "ward.view",
  "patient.search",
  "document.open",
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
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEventInput {
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
  /** Extra facts as JSON; ids and codes only. */
  detail?: Record<string, string | number | boolean | null>;
}

const columns =
  "occurred_at, action, outcome, user_id, username, session_id, method, device_id, patient_id, ward_id, document_id, break_glass, offline, reason, ip, user_agent, detail";
const perRow = 17;

function values(event: AuditEventInput): unknown[] {
  return [
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

/** Records events in one statement (a ward list view records one row per patient shown). */
export async function recordAudit(db: Queryable, events: AuditEventInput | AuditEventInput[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  // Chunks stay well under DSQL's 3,000-row transaction limit and PostgreSQL's parameter limit.
  for (let start = 0; start < list.length; start += 500) {
    const chunk = list.slice(start, start + 500);
    await db.query(
      `INSERT INTO audit_event (${columns}) VALUES ${rowPlaceholders(chunk.length, perRow)}`,
      chunk.flatMap(values),
    );
  }
}
