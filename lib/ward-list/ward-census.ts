/**
 * The ward list (docs/design.md section 7): every patient currently on one ward, bed by bed, and the
 * ward switcher's counts. Scope is checked on the server first; each view is audited as a view
 * of the ward and of every patient shown on it, in one statement.
 */
import "server-only";
import { assertCanReadWard } from "@/lib/access/ward-scope";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import { actorFields } from "@/lib/audit/actor-fields";
import { type AuditEventInput, recordAuditNow } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database, Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { byBed } from "./bed-order";
import { entriesSql, readEntries, toCensusEntry } from "./census-entries";
import { readableWardIds, wardFilter } from "./readable-wards";

export interface WardSummary {
  id: string;
  code: string;
  name: string;
  facilityCode: string;
  facilityName: string;
  bedCount: number;
}

export interface WardCensus {
  ward: WardSummary;
  /** When the server read the list: the "data as of" time shown to staff. */
  asOf: Date;
  entries: CensusEntry[];
}

/** For the ward switcher. Beds held = admitted, registered or on leave (leave keeps the bed). */
export interface WardWithCounts extends WardSummary {
  occupied: number;
  onLeave: number;
  preAdmitted: number;
}

const wardColumns = `w.id, w.code, w.name, f.code AS facility_code, f.name AS facility_name, w.bed_count`;
type WardRow = {
  id: string;
  code: string;
  name: string;
  facility_code: string;
  facility_name: string;
  bed_count: number;
};
const toSummary = (row: WardRow): WardSummary => ({
  id: row.id,
  code: row.code,
  name: row.name,
  facilityCode: row.facility_code,
  facilityName: row.facility_name,
  bedCount: Number(row.bed_count),
});

/**
 * The ward and its entries by bed, with their documents, in one snapshot so they agree with each
 * other. Not authorised or audited here: callers check scope first and record what they show
 * (the ward list below, the print pack in lib/documents/print-pack).
 */
export async function readWardSnapshot(
  db: Database,
  wardId: string,
): Promise<{ ward: WardSummary; entries: CensusEntry[] }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<WardRow>(
      `SELECT ${wardColumns} FROM ward w JOIN facility f ON f.id = w.facility_id WHERE w.id = $1`,
      [wardId],
    );
    if (!rows[0]) throw new AppError("not_found", "No such ward");
    const placed = await readEntries(tx, entriesSql("s.ward_id = $1"), [wardId]);
    return { ward: toSummary(rows[0]), entries: placed.map(toCensusEntry).sort(byBed) };
  });
}

export async function wardCensus(
  db: Database,
  principal: Principal,
  wardId: string,
  now: Date,
): Promise<WardCensus> {
  await assertCanReadWard(db, principal, wardId, now);
  const { ward, entries } = await readWardSnapshot(db, wardId);
  const shown = [...new Set(entries.map((entry) => entry.patient.patientId))];
  const actor = actorFields(principal);
  const events: AuditEventInput[] = [
    {
      ...actor,
      action: "ward.view",
      outcome: "success",
      occurredAt: now,
      wardId,
      detail: { patients: shown.length },
    },
    ...shown.map(
      (patientId): AuditEventInput => ({
        ...actor,
        action: "patient.view",
        outcome: "success",
        occurredAt: now,
        wardId,
        patientId,
        detail: { via: "ward-list" },
      }),
    ),
  ];
  // One multi-row statement for the whole view (ward row and one row per patient).
  await recordAuditNow(db, events);
  return { ward, asOf: now, entries };
}

/** The wards in the principal's scope with their counts; no patient data, so not audited. */
export async function myWards(db: Queryable, principal: Principal): Promise<WardWithCounts[]> {
  const wardIds = await readableWardIds(db, principal);
  if (wardIds.length === 0) return [];
  const { rows } = await db.query<WardRow & { occupied: number; on_leave: number; pre_admitted: number }>(
    `SELECT ${wardColumns},
            count(CASE WHEN s.status IN ('admitted', 'registered', 'on-leave') THEN 1 END)::int AS occupied,
            count(CASE WHEN s.status = 'on-leave' THEN 1 END)::int AS on_leave,
            count(CASE WHEN s.status = 'pre-admitted' THEN 1 END)::int AS pre_admitted
       FROM ward w
       JOIN facility f ON f.id = w.facility_id
       LEFT JOIN stay s ON s.ward_id = w.id AND s.status IN ${currentStayStatusesSql}
      WHERE ${wardFilter("w.id", wardIds, 1)}
      GROUP BY w.id, w.code, w.name, f.code, f.name, w.bed_count
      ORDER BY f.name, w.name`,
    wardIds,
  );
  return rows.map((row) => ({
    ...toSummary(row),
    occupied: Number(row.occupied),
    onLeave: Number(row.on_leave),
    preAdmitted: Number(row.pre_admitted),
  }));
}
