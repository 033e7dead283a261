/**
 * Patient search across current stays. Matches on the user's wards come back as ward-list rows;
 * matches elsewhere say only which ward (no name, no identifiers), so a clinician can choose to
 * break glass with a reason. Users who may not break glass get no outside-scope hits at all.
 */
import "server-only";
import { hasPermission } from "@/lib/access/roles";
import { actorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { mrnMatchSql, type PatientIdentity, patientFromRow } from "./patient-row";
import { readableWardIds, wardFilter } from "./readable-wards";
import { containsPattern, parseSearchQuery, type SearchQuery } from "./search-query";
import { searchRows } from "./search-rows";

export const maximumResults = 50;

export interface InScopeHit {
  outsideScope: false;
  stayId: string;
  wardId: string;
  wardName: string;
  facilityCode: string;
  bed: string | null;
  status: CensusEntry["status"];
  patient: PatientIdentity;
}

/** `patientId` (an internal id, not an identifier) is what the break-glass request names. */
export interface OutsideScopeHit {
  outsideScope: true;
  stayId: string;
  patientId: string;
  wardName: string | null;
}

export interface SearchResult {
  queryType: SearchQuery["type"];
  hits: (InScopeHit | OutsideScopeHit)[];
  /** More matched than are shown: the user should narrow the search. */
  truncated: boolean;
}

/** The match condition over `p` (patient), with its parameters numbered from `first`. */
function matchCondition(query: SearchQuery, first: number): { sql: string; params: string[] } {
  if (query.type === "nhs") {
    // A 10-digit hospital number exists at some trusts: match it too rather than miss a patient.
    return {
      sql: `(p.nhs_number = $${first} OR ${mrnMatchSql("p.mrn", `$${first}`)})`,
      params: [query.nhsNumber],
    };
  }
  if (query.type === "mrn")
    return { sql: mrnMatchSql("p.mrn", `$${first}`), params: [query.mrn.toLowerCase()] };
  const sql = query.terms
    .map(
      (_, index) =>
        `(lower(p.family_name) LIKE $${first + index} OR lower(COALESCE(p.given_names, '')) LIKE $${first + index})`,
    )
    .join(" AND ");
  return { sql, params: query.terms.map(containsPattern) };
}

export async function searchPatients(
  db: Database,
  principal: Principal,
  input: string,
  now: Date,
): Promise<SearchResult> {
  const query = parseSearchQuery(input);
  const audit = (outcome: "success" | "refused", detail: Record<string, string | number>) =>
    writeTransaction(db, (tx) =>
      recordAudit(tx, {
        ...actorFields(principal),
        action: "patient.search",
        outcome,
        occurredAt: now,
        detail: { queryType: query.type, ...detail },
      }),
    );
  if (!hasPermission(principal.roles, "patients:read")) {
    await audit("refused", {});
    throw new AppError("forbidden", "Your role does not include reading patient records");
  }
  const wardIds = await readableWardIds(db, principal);
  const outsideAllowed = hasPermission(principal.roles, "patients:break-glass");
  const inScope = wardFilter("s.ward_id", wardIds, 1);
  const match = matchCondition(query, wardIds.length + 1);
  const rows = await searchRows(db, {
    inScopeSql: inScope,
    whereSql: outsideAllowed ? match.sql : `${match.sql} AND ${inScope}`,
    params: [...wardIds, ...match.params],
    limit: maximumResults + 1,
  });
  const hits = rows.slice(0, maximumResults).map((row): InScopeHit | OutsideScopeHit => {
    if (!row.in_scope || row.ward_id === null || row.ward_name === null || !row.mrn || !row.family_name) {
      return { outsideScope: true, stayId: row.stay_id, patientId: row.patient_id, wardName: row.ward_name };
    }
    return {
      outsideScope: false,
      stayId: row.stay_id,
      wardId: row.ward_id,
      wardName: row.ward_name,
      facilityCode: row.facility_code,
      bed: row.bed,
      status: row.status,
      // Identifiers are NULL outside scope (search-rows.ts); here they were checked present.
      patient: patientFromRow({ ...row, mrn: row.mrn, family_name: row.family_name }),
    };
  });
  const outside = hits.filter((hit) => hit.outsideScope).length;
  await audit("success", { inScope: hits.length - outside, outsideScope: outside });
  return { queryType: query.type, hits, truncated: rows.length > maximumResults };
}
