/**
 * The IG console's reports (docs/design.md section 6): who accessed a patient, what one user
 * accessed, break-glass, offline reads, failed sign-ins and lock-outs, configuration changes. Each
 * is one of the keyset-paged audit queries (audit-queries.ts) with its filters bound, so the page
 * and the CSV read the same rows. Running a report is itself audited (`audit.report`, with the
 * kind and parameters; the identifier searched is kept in the audit table, as a search's is).
 *
 * A patient is found by NHS number or MRN among the patients held and, once purged, through
 * `purged_patient` (lib/retention/purged-patients.ts): a keyed hash of the identifier names the
 * old internal ids that the audit rows still carry, and the report says the identifiers are gone.
 */
import "server-only";
import { actorFields } from "@/lib/audit/actor-fields";
import type { Principal } from "@/lib/auth/principal";
import { normaliseUsername } from "@/lib/auth/principal";
import type { Database, Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { findPurgedPatients, normaliseIdentifier } from "@/lib/retention/purged-patients";
import { type AuditPage, auditByPatients, auditByTime, auditByUser } from "./audit-queries";
import { type IgReportQuery, reportRange } from "./ig-report-query";
import { recordAudit } from "./record-audit";

export const breakGlassActions = ["break-glass.granted", "break-glass.refused", "break-glass.burst"] as const;
export const signInProblemActions = ["sign-in.failed", "sign-in.attack-suspected", "account.locked"] as const;
export const configurationActions = [
  "setting.changed",
  "user.changed",
  "user.clinical-role-granted",
  "user.change-refused",
  "device.changed",
  "downtime.declared",
  "downtime.ended",
] as const;

export interface HeldPatient {
  patientId: string;
  facilityCode: string;
  mrn: string;
  nhsNumber: string | null;
  /** Set on a merge pointer: the record it was merged into (whose rows are included too). */
  mergedInto: string | null;
}

export interface PurgedPatient {
  patientId: string;
  facilityCode: string | null;
  purgedAt: string;
}

export type ReportSubject =
  | { kind: "patient"; held: HeldPatient[]; purged: PurgedPatient[] }
  | { kind: "user"; userId: string; username: string; displayName: string }
  | { kind: "none" };

export interface ReportContext {
  db: Database;
  /** The tombstone key purged identifiers were hashed with (lib/runtime/app-ingest-context.ts). */
  tombstoneKey: string;
  timeZone: string;
}

export interface ResolvedReport {
  subject: ReportSubject;
  fetchPage: (cursor: string | null, limit?: number) => Promise<AuditPage>;
}

async function heldPatients(
  db: Queryable,
  idType: "nhs-number" | "mrn",
  value: string,
): Promise<HeldPatient[]> {
  const column = idType === "mrn" ? "p.mrn" : "p.nhs_number";
  const { rows } = await db.query<{
    id: string;
    code: string;
    mrn: string;
    nhs_number: string | null;
    merged_into: string | null;
  }>(
    `SELECT p.id, f.code, p.mrn, p.nhs_number, p.merged_into
       FROM patient p JOIN facility f ON f.id = p.facility_id
      WHERE ${column} = $1 ORDER BY f.code, p.mrn`,
    [value],
  );
  return rows.map((row) => ({
    patientId: row.id,
    facilityCode: row.code,
    mrn: row.mrn,
    nhsNumber: row.nhs_number,
    mergedInto: row.merged_into,
  }));
}

async function resolveSubject(ctx: ReportContext, query: IgReportQuery): Promise<ReportSubject> {
  if (query.report === "patient") {
    const value = normaliseIdentifier(query.idType, query.id ?? "");
    const held = await heldPatients(ctx.db, query.idType, value);
    const purgedRows = await findPurgedPatients(ctx.db, ctx.tombstoneKey, query.idType, value);
    const facilities = new Map<string, string>();
    if (purgedRows.length > 0) {
      const { rows } = await ctx.db.query<{ id: string; code: string }>("SELECT id, code FROM facility");
      for (const row of rows) facilities.set(row.id, row.code);
    }
    return {
      kind: "patient",
      held,
      purged: purgedRows.map((row) => ({
        patientId: row.patientId,
        facilityCode: facilities.get(row.facilityId) ?? null,
        purgedAt: row.purgedAt,
      })),
    };
  }
  if (query.report === "user") {
    const { rows } = await ctx.db.query<{ id: string; username: string; display_name: string }>(
      "SELECT id, username, display_name FROM staff_user WHERE username = $1",
      [normaliseUsername(query.user ?? "")],
    );
    const user = rows[0];
    if (!user)
      throw new AppError("not_found", `No user ${query.user} in the staff directory`, { location: "user" });
    return { kind: "user", userId: user.id, username: user.username, displayName: user.display_name };
  }
  return { kind: "none" };
}

/** The patient ids whose audit rows belong to the person: held rows, their merge targets, purged ids. */
export function subjectPatientIds(subject: Extract<ReportSubject, { kind: "patient" }>): string[] {
  const ids = new Set<string>();
  for (const patient of subject.held) {
    ids.add(patient.patientId);
    if (patient.mergedInto) ids.add(patient.mergedInto);
  }
  for (const patient of subject.purged) ids.add(patient.patientId);
  return [...ids];
}

export async function resolveIgReport(ctx: ReportContext, query: IgReportQuery): Promise<ResolvedReport> {
  const subject = await resolveSubject(ctx, query);
  const range = reportRange(query, ctx.timeZone);
  const options = (cursor: string | null, limit = query.limit) => ({ ...range, cursor, limit });
  // Views and opens by default; background syncs only when the reader asks (access-kinds.ts).
  const excludeSyncs = query.syncs !== "include";
  const fetchPage = (cursor: string | null, limit?: number): Promise<AuditPage> => {
    switch (query.report) {
      case "patient":
        return auditByPatients(ctx.db, subject.kind === "patient" ? subjectPatientIds(subject) : [], {
          ...options(cursor, limit),
          excludeSyncs,
        });
      case "user":
        return auditByUser(ctx.db, subject.kind === "user" ? subject.userId : "", {
          ...options(cursor, limit),
          excludeSyncs,
        });
      case "break-glass":
        return auditByTime(ctx.db, { ...options(cursor, limit), actions: breakGlassActions });
      case "offline":
        return auditByTime(ctx.db, {
          ...options(cursor, limit),
          offline: true,
          orActions: ["audit.offline.refused"],
        });
      case "sign-in":
        return auditByTime(ctx.db, { ...options(cursor, limit), actions: signInProblemActions });
      case "config":
        return auditByTime(ctx.db, { ...options(cursor, limit), actions: configurationActions });
    }
  };
  return { subject, fetchPage };
}

/** Writes the `audit.report` row for one run of a report (a page of it, or its CSV). */
export async function auditReportRun(
  db: Queryable,
  principal: Principal,
  query: IgReportQuery,
  subject: ReportSubject,
  format: "page" | "csv",
  now = new Date(),
): Promise<void> {
  await recordAudit(db, {
    ...actorFields(principal),
    action: "audit.report",
    outcome: "success",
    occurredAt: now,
    userId: principal.userId,
    detail: {
      report: query.report,
      format,
      from: query.from ?? null,
      to: query.to ?? null,
      page: query.cursor ? "later" : "first",
      syncs: query.syncs,
      ...(query.report === "patient"
        ? {
            idType: query.idType,
            identifier: normaliseIdentifier(query.idType, query.id ?? ""),
            patientIds: subject.kind === "patient" ? subjectPatientIds(subject) : [],
          }
        : {}),
      ...(query.report === "user"
        ? {
            user: normaliseUsername(query.user ?? ""),
            subjectUserId: subject.kind === "user" ? subject.userId : null,
          }
        : {}),
    },
  });
}

/** Resolves, audits and reads the first (or cursor's) page: what /admin/ig shows. */
export async function runIgReport(
  ctx: ReportContext,
  principal: Principal,
  query: IgReportQuery,
): Promise<{ subject: ReportSubject; page: AuditPage }> {
  const report = await resolveIgReport(ctx, query);
  await auditReportRun(ctx.db, principal, query, report.subject, "page");
  return { subject: report.subject, page: await report.fetchPage(query.cursor ?? null) };
}
