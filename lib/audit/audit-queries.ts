/**
 * Information-governance queries over `audit_event`: by patient, by user, by time. Rows come in
 * the order things happened (occurred_at, then id) with keyset pagination: the cursor names the
 * last row returned, so pages stay stable while new events arrive. Rows carry the patient's MRN
 * and NHS number for display: the calling route must restrict these queries to `audit:read`.
 *
 * `via` lifts the detail's `via` into a column of its own, because it is what tells the kinds of
 * read apart: `ward-list`, `patient-record`, `print`, `print-pack`, `sync` (sent to a device's
 * copy), `device-report` (a read the device says it made offline from that copy, checked against
 * what it was sent; lib/sync/offline-reads.ts).
 *
 * Background syncs (`patient.sync`, and syncs recorded before it as a `patient.view` via `sync`)
 * are not reads anybody made: the patient and user reports leave them out unless `includeSyncs`
 * (lib/audit/access-kinds.ts). List events (a ward view, a sync round) name their patients in
 * `audit_event_patient`, so the patient report finds them there and shows the patient it matched.
 */
import "server-only";
import { isUuid } from "@/lib/access/uuid";
import type { Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "./audit-cursor";

export interface AuditRow {
  id: string;
  occurredAt: string;
  recordedAt: string;
  action: string;
  outcome: string;
  userId: string | null;
  username: string | null;
  method: string | null;
  deviceId: string | null;
  patientId: string | null;
  mrn: string | null;
  nhsNumber: string | null;
  wardId: string | null;
  documentId: string | null;
  breakGlass: boolean;
  offline: boolean;
  reason: string | null;
  ip: string | null;
  detail: string;
  via: string | null;
}

export interface AuditPageOptions {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit?: number;
  cursor?: string | null;
  /** Only rows with this outcome: "refused" lists every refusal (refusal-audit.ts and the rest). */
  outcome?: "success" | "failure" | "refused";
  /** Leave out background syncs (access-kinds.ts); the patient and user reports do by default. */
  excludeSyncs?: boolean;
}

/** The actions a refusal is recorded under, for IG's "refusals" view (with outcome "refused"). */
export const refusalActions = ["access.refused", "access.refused.suppressed", "break-glass.refused"] as const;

export interface AuditPage {
  rows: AuditRow[];
  nextCursor: string | null;
}

export const maximumPageSize = 1_000;

// Timestamps go out as UTC ISO text with microseconds, so a cursor is exact on every adapter.
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** `subject` is the patient a row is about: the event's own, or one a list event names. */
const selectSql = (subject: string) => `
  SELECT a.id, ${iso("a.occurred_at")} AS occurred_at, ${iso("a.recorded_at")} AS recorded_at,
         a.action, a.outcome, a.user_id, a.username, a.method, a.device_id, ${subject} AS patient_id,
         p.mrn, p.nhs_number, a.ward_id, a.document_id, a.break_glass, a.offline, a.reason, a.ip, a.detail
    FROM audit_event a LEFT JOIN patient p ON p.id = ${subject}`;

// A sync recorded before `patient.sync` existed: a patient.view whose detail JSON says so.
const notSyncSql = `a.action <> 'patient.sync' AND NOT (a.action = 'patient.view' AND a.detail LIKE '%"via":"sync"%')`;

type Raw = Record<string, unknown>;
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

function viaOf(detail: string): string | null {
  try {
    const via = (JSON.parse(detail) as { via?: unknown }).via;
    return typeof via === "string" ? via : null;
  } catch {
    return null;
  }
}

function toRow(raw: Raw): AuditRow {
  const detail = String(raw.detail ?? "{}");
  return {
    id: String(raw.id),
    occurredAt: String(raw.occurred_at),
    recordedAt: String(raw.recorded_at),
    action: String(raw.action),
    outcome: String(raw.outcome),
    userId: text(raw.user_id),
    username: text(raw.username),
    method: text(raw.method),
    deviceId: text(raw.device_id),
    patientId: text(raw.patient_id),
    mrn: text(raw.mrn),
    nhsNumber: text(raw.nhs_number),
    wardId: text(raw.ward_id),
    documentId: text(raw.document_id),
    breakGlass: raw.break_glass === true,
    offline: raw.offline === true,
    reason: text(raw.reason),
    ip: text(raw.ip),
    detail,
    via: viaOf(detail),
  };
}

async function page(
  db: Queryable,
  filters: string[],
  params: unknown[],
  options: AuditPageOptions,
  subject = "a.patient_id",
) {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > maximumPageSize) {
    throw new AppError("bad_request", `Page size must be between 1 and ${maximumPageSize}`);
  }
  const where = [...filters];
  const add = (value: unknown) => `$${params.push(value)}`;
  if (options.from) where.push(`a.occurred_at >= ${add(options.from)}`);
  if (options.to) where.push(`a.occurred_at < ${add(options.to)}`);
  if (options.outcome) where.push(`a.outcome = ${add(options.outcome)}`);
  if (options.excludeSyncs) where.push(notSyncSql);
  if (options.cursor) {
    const after = decodeCursor(options.cursor);
    const at = add(after.occurredAt);
    where.push(
      `(a.occurred_at > ${at}::timestamptz OR (a.occurred_at = ${at}::timestamptz AND a.id > ${add(after.id)}))`,
    );
  }
  const sql = `${selectSql(subject)} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY a.occurred_at, a.id LIMIT ${add(limit + 1)}`;
  const { rows } = await db.query<Raw>(sql, params);
  const pageRows = rows.slice(0, limit).map(toRow);
  const last = pageRows.at(-1);
  return { rows: pageRows, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

const empty: AuditPage = { rows: [], nextCursor: null };

export async function auditByPatient(
  db: Queryable,
  patientId: string,
  options: AuditPageOptions = {},
): Promise<AuditPage> {
  // Through auditByPatients, so ward views and sync rounds that list the patient are found too.
  return auditByPatients(db, [patientId], options);
}

export async function auditByUser(
  db: Queryable,
  userId: string,
  options: AuditPageOptions = {},
): Promise<AuditPage> {
  if (!isUuid(userId)) return empty;
  return page(db, ["a.user_id = $1"], [userId], options);
}

/**
 * Events about any of several patient ids: one person's rows before and after a merge, or the
 * ids a purge left (lib/retention/purged-patients.ts). At most a few hundred ids.
 */
export async function auditByPatients(
  db: Queryable,
  patientIds: readonly string[],
  options: AuditPageOptions = {},
): Promise<AuditPage> {
  const ids = [...new Set(patientIds.filter(isUuid))].slice(0, 500);
  if (ids.length === 0) return empty;
  const params: unknown[] = [];
  const list = ids.map((id) => `$${params.push(id)}`).join(", ");
  // A ward view or sync round lists the patient rather than naming it in patient_id.
  const listed = `SELECT ap.audit_event_id FROM audit_event_patient ap WHERE ap.patient_id IN (${list})`;
  const matched = `(SELECT min(ap.patient_id::text) FROM audit_event_patient ap
                     WHERE ap.audit_event_id = a.id AND ap.patient_id IN (${list}))::uuid`;
  return page(
    db,
    [`(a.patient_id IN (${list}) OR a.id IN (${listed}))`],
    params,
    options,
    `COALESCE(a.patient_id, ${matched})`,
  );
}

export function auditByTime(
  db: Queryable,
  options: AuditPageOptions & {
    actions?: readonly string[];
    /** Only reads made from a device's offline copy (flagged `offline`), or those and `orActions`. */
    offline?: boolean;
    orActions?: readonly string[];
  } = {},
): Promise<AuditPage> {
  const params: unknown[] = [];
  const filters: string[] = [];
  const list = (values: readonly string[]) => values.map((value) => `$${params.push(value)}`).join(", ");
  if (options.actions && options.actions.length > 0) {
    filters.push(`a.action IN (${list(options.actions)})`);
  }
  if (options.offline) {
    const extra =
      options.orActions && options.orActions.length > 0 ? ` OR a.action IN (${list(options.orActions)})` : "";
    filters.push(`(a.offline = true${extra})`);
  }
  return page(db, filters, params, options);
}
