/**
 * A user's scope: ward codes ("RXD01/ALD101") and facility codes ("RXD02") resolved to ids and
 * written to `user_ward_access` / `user_facility_access`. A trust has at most a few hundred wards,
 * so the whole catalogue is read once per operation (and once per CSV import, not per row).
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/errors";

export interface ScopeCatalog {
  wards: Map<string, string>;
  facilities: Map<string, string>;
}

export interface ResolvedScope {
  wardIds: string[];
  facilityIds: string[];
}

export async function loadScopeCatalog(db: Queryable): Promise<ScopeCatalog> {
  const wards = await db.query<{ id: string; code: string; facility_code: string }>(
    "SELECT w.id, w.code, f.code AS facility_code FROM ward w JOIN facility f ON f.id = w.facility_id",
  );
  const facilities = await db.query<{ id: string; code: string }>("SELECT id, code FROM facility");
  return {
    wards: new Map(wards.rows.map((row) => [`${row.facility_code}/${row.code}`, row.id])),
    facilities: new Map(facilities.rows.map((row) => [row.code, row.id])),
  };
}

/** The codes not in the catalogue, for a row-by-row report (CSV) or one refusal (forms). */
export function unknownScopeCodes(
  catalog: ScopeCatalog,
  scope: { wards?: string[]; facilities?: string[] },
): { wards: string[]; facilities: string[] } {
  return {
    wards: (scope.wards ?? []).filter((code) => !catalog.wards.has(code)),
    facilities: (scope.facilities ?? []).filter((code) => !catalog.facilities.has(code)),
  };
}

export function resolveScope(
  catalog: ScopeCatalog,
  scope: { wards?: string[]; facilities?: string[] },
): ResolvedScope {
  const unknown = unknownScopeCodes(catalog, scope);
  if (unknown.wards.length > 0) {
    throw new AppError("bad_request", `Unknown ward code: ${unknown.wards.join(", ")}`, {
      location: "wards",
    });
  }
  if (unknown.facilities.length > 0) {
    throw new AppError("bad_request", `Unknown facility code: ${unknown.facilities.join(", ")}`, {
      location: "facilities",
    });
  }
  return {
    wardIds: (scope.wards ?? []).map((code) => catalog.wards.get(code)!),
    facilityIds: (scope.facilities ?? []).map((code) => catalog.facilities.get(code)!),
  };
}

const valuesFor = (userId: string, ids: string[]) => ({
  sql: ids.map((_, i) => `($1, $${i + 2})`).join(", "),
  params: [userId, ...ids],
});

/** Replaces the ward rows (when `wardIds` is given) and facility rows (when given) in `tx`. */
export async function replaceScope(
  tx: Queryable,
  userId: string,
  scope: { wardIds?: string[]; facilityIds?: string[] },
): Promise<void> {
  if (scope.wardIds) {
    await tx.query("DELETE FROM user_ward_access WHERE user_id = $1", [userId]);
    if (scope.wardIds.length > 0) {
      const { sql, params } = valuesFor(userId, scope.wardIds);
      await tx.query(`INSERT INTO user_ward_access (user_id, ward_id) VALUES ${sql}`, params);
    }
  }
  if (scope.facilityIds) {
    await tx.query("DELETE FROM user_facility_access WHERE user_id = $1", [userId]);
    if (scope.facilityIds.length > 0) {
      const { sql, params } = valuesFor(userId, scope.facilityIds);
      await tx.query(`INSERT INTO user_facility_access (user_id, facility_id) VALUES ${sql}`, params);
    }
  }
}
