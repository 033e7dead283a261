/**
 * Patient search (docs/design.md section 6). Inside the user's scope (their wards, and patients
 * they hold a break-glass grant for) search finds by part of a name, NHS number or MRN and shows
 * where the patient is. Outside it, search never says where anyone is: an exact NHS number or
 * MRN, or a surname with a birth date, shows candidates with name, birth date and sex only, so a
 * clinician can pick the right person and break glass; any other query gives only a count. Users
 * who may not break glass learn nothing about patients outside scope.
 *
 * The result is what the browser receives (the search action returns it as it is), so nothing
 * here may carry a candidate's stay, ward, bed or facility. Every search is audited in one insert:
 * a `patient.search` row with the query text and the patients shown, and a `patient.search.hit`
 * row for each of them.
 */
import "server-only";
import { hasPermission } from "@/lib/access/roles";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { AppError, isAppError } from "@/lib/errors";
import { patientFromRow } from "./patient-row";
import { readableWardIds } from "./readable-wards";
import { recordSearch } from "./search-audit";
import { maximumQueryLength, parseSearchQuery, type SearchQuery } from "./search-query";
import type { SearchCandidate, SearchRecord, SearchResult } from "./search-result";
import { candidateRows, outsideMatchCount, recordRows, type SearchScope } from "./search-rows";

export const maximumResults = 50;
/** An exact identifier picks out one person; a surname and birth date a few. More: narrow it. */
export const maximumCandidates = 10;

export async function searchPatients(
  db: Database,
  principal: Principal,
  input: string,
  now: Date,
): Promise<SearchResult> {
  // What was typed, for IG (the audit table may hold it; logs never do).
  const text = input
    .trim()
    .replace(/\s+/g, " ")
    .slice(0, maximumQueryLength + 1);
  if (!hasPermission(principal.roles, "patients:read")) {
    await recordSearch(db, principal, now, { outcome: "refused", query: text, queryType: null });
    throw new AppError("forbidden", "Your role does not include reading patient records");
  }
  let query: SearchQuery;
  try {
    query = parseSearchQuery(input);
  } catch (error) {
    if (isAppError(error))
      await recordSearch(db, principal, now, { outcome: "failure", query: text, queryType: null });
    throw error;
  }
  const scope: SearchScope = { wardIds: await readableWardIds(db, principal), userId: principal.userId, now };
  const rows = await recordRows(db, scope, query, maximumResults + 1);
  const records = rows.slice(0, maximumResults).map(
    (row): SearchRecord => ({
      stayId: row.stay_id,
      access: row.on_ward ? "scope" : "break-glass",
      wardId: row.ward_id,
      wardName: row.ward_name,
      facilityCode: row.facility_code,
      room: row.room,
      bed: row.bed,
      status: row.status,
      patient: patientFromRow(row),
    }),
  );
  let candidates: SearchCandidate[] = [];
  let outsideCount = 0;
  if (hasPermission(principal.roles, "patients:break-glass")) {
    candidates = (await candidateRows(db, scope, query, maximumCandidates)).map((row) => ({
      patientId: row.patient_id,
      familyName: row.family_name,
      givenNames: row.given_names,
      title: row.title,
      birthDate: row.birth_date,
      sex: row.sex,
    }));
    outsideCount = Math.max(0, (await outsideMatchCount(db, scope, query)) - candidates.length);
  }
  const result: SearchResult = {
    queryType: query.type,
    records,
    truncated: rows.length > maximumResults,
    candidates,
    outsideCount,
  };
  await recordSearch(db, principal, now, { outcome: "success", query: text, result });
  return result;
}
