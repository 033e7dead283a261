/**
 * Ward scope, checked on the server for every read (docs/design.md section 6). A user's scope is the
 * wards granted directly (`user_ward_access`) plus every ward of the facilities granted
 * (`user_facility_access`). A patient is readable when they have a current stay on a ward in
 * scope, or when the user holds an unexpired break-glass grant for them; admins and IG auditors
 * without a clinical role read no patient at all.
 */
import "server-only";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import { actorFields } from "@/lib/audit/actor-fields";
import { type AuditAction, recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import { placeholders } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { activeGrant } from "./break-glass";
import { hasPermission } from "./roles";
import { isUuid } from "./uuid";

export type ReadDecision =
  | { allowed: true; via: "scope" }
  | { allowed: true; via: "break-glass"; grantId: string }
  | { allowed: false };

const scopeSql = (userParam: string) => `
  SELECT ward_id FROM user_ward_access WHERE user_id = ${userParam}
  UNION
  SELECT w.id FROM ward w JOIN user_facility_access fa ON fa.facility_id = w.facility_id
   WHERE fa.user_id = ${userParam}`;

export async function wardsInScope(db: Queryable, userId: string): Promise<string[]> {
  if (!isUuid(userId)) return [];
  const { rows } = await db.query<{ ward_id: string }>(
    `SELECT ward_id FROM (${scopeSql("$1")}) scope ORDER BY ward_id`,
    [userId],
  );
  return rows.map((row) => row.ward_id);
}

/**
 * The patient and whoever a merge (A34/A40) links to them: the survivor they were merged into
 * (stays moved there) and the prior records merged into them. Merge pointers are kept flat.
 */
async function linkedPatientIds(db: Queryable, patientId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM patient WHERE id = $1 OR merged_into = $1
     UNION SELECT merged_into FROM patient WHERE id = $1 AND merged_into IS NOT NULL`,
    [patientId],
  );
  return rows.map((row) => row.id);
}

export async function canReadPatient(
  db: Queryable,
  principal: Principal,
  patientId: string,
  now: Date,
): Promise<ReadDecision> {
  if (!hasPermission(principal.roles, "patients:read") || !isUuid(patientId)) return { allowed: false };
  const ids = await linkedPatientIds(db, patientId);
  if (ids.length === 0) return { allowed: false };
  const onWard = await db.query(
    `SELECT 1 FROM stay
      WHERE patient_id IN (${placeholders(ids.length, 2)})
        AND status IN ${currentStayStatusesSql}
        AND ward_id IN (${scopeSql("$1")})
      LIMIT 1`,
    [principal.userId, ...ids],
  );
  if (onWard.rows.length > 0) return { allowed: true, via: "scope" };
  for (const id of ids) {
    const grant = await activeGrant(db, principal.userId, id, now);
    if (grant) return { allowed: true, via: "break-glass", grantId: grant.id };
  }
  return { allowed: false };
}

/** The document's patient decides (a document id guessed from another ward is refused: IDOR). */
export async function canReadDocument(
  db: Queryable,
  principal: Principal,
  documentId: string,
  now: Date,
): Promise<ReadDecision & { patientId?: string }> {
  if (!hasPermission(principal.roles, "patients:read") || !isUuid(documentId)) return { allowed: false };
  const { rows } = await db.query<{ patient_id: string }>("SELECT patient_id FROM document WHERE id = $1", [
    documentId,
  ]);
  const patientId = rows[0]?.patient_id;
  if (!patientId) return { allowed: false };
  const decision = await canReadPatient(db, principal, patientId, now);
  return decision.allowed ? { ...decision, patientId } : decision;
}

async function recordRefusal(
  db: Database,
  principal: Principal,
  action: AuditAction,
  now: Date,
  target: { patientId?: string; wardId?: string; documentId?: string },
): Promise<void> {
  // Only well-formed ids are stored; anything else is noted as a malformed request.
  const id = (value: string | undefined) => (value !== undefined && isUuid(value) ? value : null);
  await writeTransaction(db, (tx) =>
    recordAudit(tx, {
      ...actorFields(principal),
      action,
      outcome: "refused",
      occurredAt: now,
      patientId: id(target.patientId),
      wardId: id(target.wardId),
      documentId: id(target.documentId),
    }),
  );
}

const notInScope = "This patient is not on a ward you have access to";

/** Refusals are recorded before throwing; the caller records the successful view itself. */
export async function assertCanReadPatient(
  db: Database,
  principal: Principal,
  patientId: string,
  now: Date,
): Promise<Extract<ReadDecision, { allowed: true }>> {
  const decision = await canReadPatient(db, principal, patientId, now);
  if (decision.allowed) return decision;
  await recordRefusal(db, principal, "patient.view", now, { patientId });
  throw new AppError("forbidden", notInScope);
}

export async function assertCanReadDocument(
  db: Database,
  principal: Principal,
  documentId: string,
  now: Date,
): Promise<Extract<ReadDecision, { allowed: true }> & { patientId: string }> {
  const decision = await canReadDocument(db, principal, documentId, now);
  if (decision.allowed && decision.patientId) return { ...decision, patientId: decision.patientId };
  await recordRefusal(db, principal, "document.open", now, { documentId });
  throw new AppError("forbidden", "This document belongs to a patient you do not have access to");
}

export async function assertCanReadWard(
  db: Database,
  principal: Principal,
  wardId: string,
  now: Date = new Date(),
): Promise<void> {
  if (hasPermission(principal.roles, "patients:read") && isUuid(wardId)) {
    const { rows } = await db.query(`SELECT 1 FROM (${scopeSql("$1")}) scope WHERE ward_id = $2`, [
      principal.userId,
      wardId,
    ]);
    if (rows.length > 0) return;
  }
  await recordRefusal(db, principal, "ward.view", now, { wardId });
  throw new AppError("forbidden", "This ward is not one you have access to");
}
