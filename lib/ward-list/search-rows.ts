/**
 * The search's SQL. Three reads, each naming only what its screen may show: the matching current
 * stays the user may read (their wards, or a patient they hold an unexpired break-glass grant for),
 * with ward, bed and identifiers; the patients outside that scope whom an exact identifier or a
 * surname with a birth date picks out, with name, birth date and sex only (no stay, no ward, no
 * bed ever leaves the database for them); and how many other patients outside scope match.
 */
import "server-only";
import { isUuid } from "@/lib/access/uuid";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import type { Queryable } from "@/lib/db/types";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { mrnMatchSql } from "./patient-row";
import { containsPattern, type SearchQuery } from "./search-query";

/** Parameters numbered as they are added, so each statement holds exactly the ones it uses. */
class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface SearchScope {
  wardIds: readonly string[];
  userId: string;
  now: Date;
}

/** Conditions over the user's scope: a stay on one of their wards, a patient they hold a grant for. */
function scopeSql(params: Parameters, scope: SearchScope) {
  const wards = scope.wardIds.map((id) => params.add(id)).join(", ");
  const user = isUuid(scope.userId) ? params.add(scope.userId) : null;
  const at = user ? params.add(scope.now) : null;
  return {
    onWard: (column: string) => (wards ? `COALESCE(${column} IN (${wards}), false)` : "false"),
    granted: (patientColumn: string) =>
      !user
        ? "false"
        : `EXISTS (SELECT 1 FROM break_glass_grant g WHERE g.patient_id = ${patientColumn}
                 AND g.user_id = ${user} AND g.granted_at <= ${at} AND g.expires_at > ${at})`,
  };
}

/**
 * The patient's name search keys (migration 0037, lib/adt/name-search-key.ts). Aurora DSQL has
 * only the C collation, so names are matched and sorted on keys folded in the app, never on
 * lower(name), which folds ASCII only there. A row written before the keys existed and not yet
 * backfilled falls back to lower(name): found as before for ASCII names.
 */
const familyKey = "COALESCE(p.family_name_key, lower(p.family_name))";
const givenKey = "COALESCE(p.given_names_key, lower(p.given_names), '')";

/** The match over `p` (patient): partial names inside scope, so also the count outside it. */
function matchSql(params: Parameters, query: SearchQuery): string {
  if (query.type === "nhs") {
    // A 10-digit hospital number exists at some trusts: match it too rather than miss a patient.
    const nhs = params.add(query.nhsNumber);
    return `(p.nhs_number = ${nhs} OR ${mrnMatchSql("p.mrn", nhs)})`;
  }
  if (query.type === "mrn") return mrnMatchSql("p.mrn", params.add(query.mrn.toLowerCase()));
  const names = query.terms
    .map((term) => {
      const pattern = params.add(containsPattern(term));
      return `(${familyKey} LIKE ${pattern} OR ${givenKey} LIKE ${pattern})`;
    })
    .join(" AND ");
  if (query.type === "name") return names;
  return `${names} AND p.birth_date = ${params.add(query.birthDate)}::date`;
}

/**
 * Who outside scope may be shown as a candidate: an exact NHS number or MRN, or a surname given
 * in full (one of the terms, or all of them for "van der Berg") with the birth date. A partial
 * or bare name picks out nobody. Null: this query shows no candidates.
 */
function candidateSql(params: Parameters, query: SearchQuery): string | null {
  if (query.type === "nhs" || query.type === "mrn") return "true";
  if (query.type === "name") return null;
  const surnames = [...query.terms, query.terms.join(" ")].map((term) => params.add(term));
  return `${familyKey} IN (${surnames.join(", ")})`;
}

const current = `status IN ${currentStayStatusesSql}`;

export interface RecordRow {
  stay_id: string;
  on_ward: boolean;
  ward_id: string | null;
  ward_name: string | null;
  facility_code: string;
  room: string | null;
  bed: string | null;
  status: CensusEntry["status"];
  patient_id: string;
  mrn: string;
  nhs_number: string | null;
  family_name: string;
  given_names: string | null;
  title: string | null;
  birth_date: string | null;
  sex: string | null;
}

/** Matching current stays the user may read, their own wards' first. */
export async function recordRows(
  db: Queryable,
  scope: SearchScope,
  query: SearchQuery,
  limit: number,
): Promise<RecordRow[]> {
  const params = new Parameters();
  const { onWard, granted } = scopeSql(params, scope);
  const { rows } = await db.query<RecordRow>(
    `SELECT s.id AS stay_id, ${onWard("s.ward_id")} AS on_ward, s.ward_id, w.name AS ward_name,
            f.code AS facility_code, s.room, s.bed, s.status, p.id AS patient_id, p.mrn, p.nhs_number,
            p.family_name, p.given_names, p.title, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex
       FROM stay s
       JOIN patient p ON p.id = s.patient_id
       JOIN facility f ON f.id = s.facility_id
       LEFT JOIN ward w ON w.id = s.ward_id
      WHERE s.${current} AND (${onWard("s.ward_id")} OR ${granted("s.patient_id")})
        AND ${matchSql(params, query)}
      ORDER BY on_ward DESC, ${familyKey}, ${givenKey}, s.id
      LIMIT ${Number(limit)}`,
    params.values,
  );
  return rows;
}

/** `p` is a patient with a current stay, none of them on the user's wards, and no grant. */
function outsideSql(scope: ReturnType<typeof scopeSql>): string {
  return `EXISTS (SELECT 1 FROM stay s WHERE s.patient_id = p.id AND s.${current})
      AND NOT EXISTS (SELECT 1 FROM stay s WHERE s.patient_id = p.id AND s.${current} AND ${scope.onWard("s.ward_id")})
      AND NOT ${scope.granted("p.id")}`;
}

export interface CandidateRow {
  patient_id: string;
  family_name: string;
  given_names: string | null;
  title: string | null;
  birth_date: string | null;
  sex: string | null;
}

/** Patients outside scope the query picks out; only what tells one person from another. */
export async function candidateRows(
  db: Queryable,
  scope: SearchScope,
  query: SearchQuery,
  limit: number,
): Promise<CandidateRow[]> {
  const params = new Parameters();
  const outside = outsideSql(scopeSql(params, scope));
  const match = matchSql(params, query);
  const candidate = candidateSql(params, query);
  if (candidate === null) return [];
  const { rows } = await db.query<CandidateRow>(
    `SELECT p.id AS patient_id, p.family_name, p.given_names, p.title,
            to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex
       FROM patient p
      WHERE ${outside} AND ${match} AND ${candidate}
      ORDER BY ${familyKey}, ${givenKey}, p.id
      LIMIT ${Number(limit)}`,
    params.values,
  );
  return rows;
}

/** How many patients outside scope match at all (candidates included). */
export async function outsideMatchCount(
  db: Queryable,
  scope: SearchScope,
  query: SearchQuery,
): Promise<number> {
  const params = new Parameters();
  const outside = outsideSql(scopeSql(params, scope));
  const { rows } = await db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM patient p WHERE ${outside} AND ${matchSql(params, query)}`,
    params.values,
  );
  return Number(rows[0]?.n ?? 0);
}
