/**
 * Facility and ward ids by code, cached per process and per database: they are read for every
 * message and change rarely. Unknown ward codes are created on first sight (named by their code)
 * so an admission to a ward the PAS added yesterday still appears on the census instead of being
 * refused (marked `created_by_ingest`, so the console flags it for an admin to review its name,
 * migration 0030). Only ids read back as already committed are cached: one created inside a transaction
 * that then rolls back must not be remembered.
 */
import "server-only";
import type { Database, Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/errors";

interface Caches {
  facilities: Map<string, string>;
  wards: Map<string, string>;
  siteCodes?: { codes: ReadonlySet<string>; readAtMs: number };
}

/** How long the list of configured site codes is trusted (a new site is seen within this). */
const siteCodesTtlMs = 30_000;
const byDatabase = new WeakMap<Database, Caches>();

function caches(db: Database): Caches {
  let found = byDatabase.get(db);
  if (!found) {
    found = { facilities: new Map(), wards: new Map() };
    byDatabase.set(db, found);
  }
  return found;
}

export async function facilityIdByCode(db: Database, tx: Queryable, code: string): Promise<string> {
  const { facilities } = caches(db);
  const cached = facilities.get(code);
  if (cached) return cached;
  const { rows } = await tx.query<{ id: string }>("SELECT id FROM facility WHERE code = $1", [code]);
  if (!rows[0]) throw new AppError("unprocessable", `Facility ${code} is not configured in Downtime`);
  facilities.set(code, rows[0].id);
  return rows[0].id;
}

export async function wardIdByCode(
  db: Database,
  tx: Queryable,
  facilityId: string,
  code: string,
): Promise<string> {
  const { wards } = caches(db);
  const key = `${facilityId}:${code}`;
  const cached = wards.get(key);
  if (cached) return cached;
  const select = () =>
    tx.query<{ id: string }>("SELECT id FROM ward WHERE facility_id = $1 AND code = $2", [facilityId, code]);
  const existing = (await select()).rows[0];
  if (existing) {
    wards.set(key, existing.id);
    return existing.id;
  }
  await tx.query(
    "INSERT INTO ward (facility_id, code, name, created_by_ingest) VALUES ($1, $2, $2, true) ON CONFLICT (facility_id, code) DO NOTHING",
    [facilityId, code],
  );
  return (await select()).rows[0]!.id;
}

/** Every site code configured in Downtime, re-read at most every 30 s (one row per site). */
export async function configuredSiteCodes(db: Database, now = Date.now()): Promise<ReadonlySet<string>> {
  const cache = caches(db);
  if (cache.siteCodes && now - cache.siteCodes.readAtMs < siteCodesTtlMs) return cache.siteCodes.codes;
  const { rows } = await db.query<{ code: string }>("SELECT code FROM facility");
  cache.siteCodes = { codes: new Set(rows.map((row) => row.code)), readAtMs: now };
  return cache.siteCodes.codes;
}
