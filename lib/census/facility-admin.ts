/**
 * Operator changes to sites and wards (`npm run facility`, /api/admin/facilities): create and
 * rename a facility, add a ward and change its name, bed count or specialty. Each change and its
 * `setting.changed` audit row commit together. Codes never change once created: feeds, API key
 * scopes and staff scopes name them. Facilities are never deleted here (their patients, purge
 * records and audit rows keep pointing at them).
 */
import "server-only";
import type { ActorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { parseOrBadRequest } from "@/lib/staff/staff-schema";
import { type FacilitySummary, findFacilityWithWards, type WardSummary } from "./facilities";
import { facilityRenameSchema, newFacilitySchema, newWardSchema, wardChangeSchema } from "./facility-input";

/** Who made the change, as the audit log records them: an admin's session, or `cli:<os user>`. */
export type FacilityChangeActor = ActorFields;

interface WardRow {
  id: string;
  code: string;
  name: string;
  specialty: string | null;
  bed_count: number;
}

const wardColumns = "id, code, name, specialty, bed_count";

function toWard(row: WardRow): WardSummary {
  return { id: row.id, code: row.code, name: row.name, specialty: row.specialty, bedCount: row.bed_count };
}

function noFacility(code: string): AppError {
  return new AppError("not_found", `No facility with code ${code}`, { location: "code" });
}

async function facilityIdOf(tx: Queryable, code: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>("SELECT id FROM facility WHERE code = $1", [code]);
  if (!rows[0]) throw noFacility(code);
  return rows[0].id;
}

function audit(
  tx: Queryable,
  by: FacilityChangeActor,
  change: string,
  facilityCode: string,
  extra: { wardId?: string; wardCode?: string; fields?: string; before?: object; after?: object } = {},
) {
  return recordAudit(tx, {
    method: "system",
    ...by,
    action: "setting.changed",
    outcome: "success",
    wardId: extra.wardId ?? null,
    detail: {
      key: "facility",
      change,
      facilityCode,
      ...(extra.wardCode ? { wardCode: extra.wardCode } : {}),
      ...(extra.fields ? { fields: extra.fields } : {}),
      // What it was and what it became: site and ward names and counts, never a person's details.
      ...(extra.before ? { before: JSON.stringify(extra.before) } : {}),
      ...(extra.after ? { after: JSON.stringify(extra.after) } : {}),
    },
  });
}

export async function createFacility(
  db: Database,
  input: unknown,
  by: FacilityChangeActor,
): Promise<FacilitySummary> {
  const facility = parseOrBadRequest(newFacilitySchema, input, "facility");
  return writeTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO facility (code, name, loaded_as_demo) VALUES ($1, $2, false)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [facility.code, facility.name],
    );
    if (!rows[0]) {
      throw new AppError("conflict", `Facility ${facility.code} already exists; rename it instead`, {
        location: "code",
      });
    }
    await audit(tx, by, "created", facility.code, { after: { name: facility.name } });
    return { id: rows[0].id, code: facility.code, name: facility.name, loadedAsDemo: false, wards: [] };
  });
}

export async function renameFacility(
  db: Database,
  code: string,
  input: unknown,
  by: FacilityChangeActor,
): Promise<FacilitySummary> {
  const { name } = parseOrBadRequest(facilityRenameSchema, input, "facility");
  return writeTransaction(db, async (tx) => {
    const current = await tx.query<{ name: string }>("SELECT name FROM facility WHERE code = $1", [code]);
    if (!current.rows[0]) throw noFacility(code);
    await tx.query("UPDATE facility SET name = $2 WHERE code = $1", [code, name]);
    await audit(tx, by, "renamed", code, { before: { name: current.rows[0].name }, after: { name } });
    return (await findFacilityWithWards(tx, code))!;
  });
}

export async function addWard(
  db: Database,
  facilityCode: string,
  input: unknown,
  by: FacilityChangeActor,
): Promise<WardSummary> {
  const ward = parseOrBadRequest(newWardSchema, input, "ward");
  return writeTransaction(db, async (tx) => {
    const facilityId = await facilityIdOf(tx, facilityCode);
    const { rows } = await tx.query<WardRow>(
      `INSERT INTO ward (facility_id, code, name, specialty, bed_count) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (facility_id, code) DO NOTHING RETURNING ${wardColumns}`,
      [facilityId, ward.code, ward.name, ward.specialty ?? null, ward.bedCount],
    );
    // The feed creates a ward it has not seen, named by its code (reference-cache.ts).
    if (!rows[0]) {
      throw new AppError(
        "conflict",
        `Ward ${ward.code} already exists at ${facilityCode} (perhaps created by the feed); update it instead`,
        { location: "code" },
      );
    }
    await audit(tx, by, "ward-added", facilityCode, {
      wardId: rows[0].id,
      wardCode: ward.code,
      after: { name: ward.name, bedCount: ward.bedCount, specialty: ward.specialty ?? null },
    });
    return toWard(rows[0]);
  });
}

export async function updateWard(
  db: Database,
  facilityCode: string,
  wardCode: string,
  input: unknown,
  by: FacilityChangeActor,
): Promise<WardSummary> {
  const change = parseOrBadRequest(wardChangeSchema, input, "ward");
  const columns = { name: change.name, bed_count: change.bedCount, specialty: change.specialty };
  const set = Object.entries(columns).filter(([, value]) => value !== undefined);
  return writeTransaction(db, async (tx) => {
    const facilityId = await facilityIdOf(tx, facilityCode);
    const current = await tx.query<WardRow>(
      `SELECT ${wardColumns} FROM ward WHERE facility_id = $1 AND code = $2`,
      [facilityId, wardCode],
    );
    const { rows } = await tx.query<WardRow>(
      `UPDATE ward SET ${set.map(([column], index) => `${column} = $${index + 3}`).join(", ")}
        WHERE facility_id = $1 AND code = $2 RETURNING ${wardColumns}`,
      [facilityId, wardCode, ...set.map(([, value]) => value)],
    );
    if (!rows[0]) {
      throw new AppError("not_found", `No ward ${wardCode} at facility ${facilityCode}`, {
        location: "ward",
      });
    }
    const fields = set.map(([column]) => column).join(",");
    const before = current.rows[0] as unknown as Record<string, unknown>;
    await audit(tx, by, "ward-updated", facilityCode, {
      wardId: rows[0].id,
      wardCode,
      fields,
      before: Object.fromEntries(set.map(([column]) => [column, before[column] ?? null])),
      after: Object.fromEntries(set),
    });
    return toWard(rows[0]);
  });
}

/**
 * Marks a ward the feed created (named by its code) as reviewed by an admin, who has checked or
 * corrected its name; it stops being flagged. Marking twice, or a ward the feed did not create,
 * changes nothing and records nothing.
 */
export async function markWardReviewed(
  db: Database,
  facilityCode: string,
  wardCode: string,
  by: FacilityChangeActor,
  now: Date = new Date(),
): Promise<{ reviewed: boolean }> {
  return writeTransaction(db, async (tx) => {
    const facilityId = await facilityIdOf(tx, facilityCode);
    const found = await tx.query<{ id: string }>("SELECT id FROM ward WHERE facility_id = $1 AND code = $2", [
      facilityId,
      wardCode,
    ]);
    if (!found.rows[0]) {
      throw new AppError("not_found", `No ward ${wardCode} at facility ${facilityCode}`, {
        location: "ward",
      });
    }
    const updated = await tx.query(
      `UPDATE ward SET reviewed_at = $2
        WHERE id = $1 AND created_by_ingest IS TRUE AND reviewed_at IS NULL`,
      [found.rows[0].id, now],
    );
    if (updated.rowCount === 0) return { reviewed: false };
    await audit(tx, by, "ward-reviewed", facilityCode, {
      wardId: found.rows[0].id,
      wardCode,
      before: { reviewedAt: null },
      after: { reviewedAt: now.toISOString() },
    });
    return { reviewed: true };
  });
}
